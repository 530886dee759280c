package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the data layer's error messages: one line, naming what is at fault. */
public final class Messages {

    private Messages() {}

    /** Asserts that {@code e}'s message is one line containing every one of {@code parts}. */
    public static void assertOneLine(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
        assertEquals(-1, e.getMessage().indexOf('\n'), () -> "not one line: " + e.getMessage());
    }
}
