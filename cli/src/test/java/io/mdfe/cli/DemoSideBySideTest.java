package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mdfe demo}'s closing table: untrained | trained | thumbnail, per domain and the mean. */
class DemoSideBySideTest {

    private static EvaluationTable table(double sop, double food) {
        return new EvaluationTable(List.of(
                new DomainResult(1, "food2k", Map.of("R@1", food), 10, 10, 0, 0),
                new DomainResult(0, "sop", Map.of("R@1", sop), 10, 10, 0, 0)), 0);
    }

    @Test
    void theThumbnailRowStandsBesideTheModels() {
        Map<String, EvaluationTable> tables = new LinkedHashMap<>();
        tables.put("untrained", table(0.1, 0.3));
        tables.put("trained", table(0.5, 0.7));
        tables.put("thumbnail", table(0.2, 0.0));
        List<String> lines = DemoCommand.sideBySide(tables).lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches(" +untrained +\\| trained +\\| thumbnail *"), lines.get(0));
        assertEquals(List.of("domain", "R@1", "|", "R@1", "|", "R@1"), List.of(lines.get(1).trim().split(" +")));
        assertEquals(List.of("sop", "0.1000", "|", "0.5000", "|", "0.2000"), List.of(lines.get(2).trim().split(" +")));
        assertEquals(List.of("food2k", "0.3000", "|", "0.7000", "|", "0.0000"), List.of(lines.get(3).trim().split(" +")));
        assertEquals(List.of("mean", "0.2000", "|", "0.6000", "|", "0.1000"), List.of(lines.get(4).trim().split(" +")));
    }
}
