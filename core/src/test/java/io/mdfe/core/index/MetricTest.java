package io.mdfe.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names {@code --metric} accepts. */
class MetricTest {

    @Test
    void cosineIsAnotherNameForAngular() {
        assertEquals(Metric.ANGULAR, Metric.parse("cosine"));
        assertEquals(Metric.ANGULAR, Metric.parse("Cosine"));
        assertEquals(Metric.ANGULAR, Metric.parse("angular"));
        assertEquals(Metric.EUCLIDEAN, Metric.parse("euclidean"));
        assertEquals("angular", Metric.parse("cosine").id(), "indexes record the Annoy name");
    }

    @Test
    void anUnknownNameListsTheAllowedOnes() {
        String message = assertThrows(IllegalArgumentException.class, () -> Metric.parse("manhattan")).getMessage();
        assertTrue(message.contains("'manhattan'") && message.contains("euclidean, angular, dot, cosine"), message);
    }
}
