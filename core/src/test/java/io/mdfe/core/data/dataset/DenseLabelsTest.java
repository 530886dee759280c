package io.mdfe.core.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DenseLabelsTest {

    private static List<Integer> dense(String... ids) {
        DenseLabels labels = DenseLabels.of(List.of(ids));
        return IntStream.range(0, ids.length).map(labels::label).boxed().toList();
    }

    @Test
    void integersSortNumericallyIncludingNegativesAndHugeValues() {
        assertEquals(List.of(3, 0, 2, 1, 3), dense("99999999999999999999", "-5", "10", "+2", "99999999999999999999"));
        assertEquals(4, DenseLabels.of(List.of("99999999999999999999", "-5", "10", "+2")).numClasses());
    }

    @Test
    void stringsSortByCodePointAsPythonDoes() {
        // U+1F600 (a surrogate pair in UTF-16) sorts after U+FFFD by code point, before it by UTF-16 unit
        assertEquals(List.of(1, 0, 2), dense("\uFFFD", "a", "\uD83D\uDE00"));
    }
}
