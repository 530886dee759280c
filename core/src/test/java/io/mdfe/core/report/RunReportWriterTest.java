package io.mdfe.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesThePageThePlotsAndEveryNumberInTheCsv() throws IOException {
        RunReport report = report("run-1", 0.41);
        Path page = RunReportWriter.write(report, tmp.resolve("run/report"));

        assertEquals(tmp.resolve("run/report/index.html"), page);
        for (String file : List.of("index.html", "report.csv", "training_curve.png", "learning_rate.png",
                "val_metrics.png", "test_metrics.png")) {
            assertTrue(Files.size(page.resolveSibling(file)) > 100, file);
        }
        Map<String, Double> csv = readCsv(page.resolveSibling("report.csv"));
        // train: loss and lr of each step
        for (CurvePoint p : report.curve()) {
            assertEquals(p.loss(), csv.get("train/" + p.step() + "///loss"));
            assertEquals(p.lr(), csv.get("train/" + p.step() + "///lr"));
        }
        // val: each checkpoint's domains and mean, exactly
        for (CheckpointResult c : report.checkpoints()) {
            for (DomainResult d : c.table().domains()) {
                d.metrics().forEach((m, v) -> assertEquals(v, csv.get("val/" + c.step() + "/" + c.version() + "/"
                        + d.domain() + "/" + m)));
            }
            c.table().mean().forEach((m, v) -> assertEquals(v, csv.get("val/" + c.step() + "/" + c.version()
                    + "/mean/" + m)));
        }
        FinalResult result = report.result();
        result.table().mean().forEach((m, v) -> assertEquals(v, csv.get("test/40/step-40/mean/" + m)));
        assertEquals(0.41, csv.get("test/40/step-40//recall@1_vs_exact"));
        int expected = 2 * report.curve().size() + 2 * (3 * 2 + 3) + (3 * 2 + 3) + 1;
        assertEquals(expected, csv.size(), "one row per number");

        String html = Files.readString(page);
        assertTrue(html.contains("<img src=\"training_curve.png\""), html);
        assertTrue(html.contains("<img src=\"learning_rate.png\""), html);
        assertTrue(html.contains("<img src=\"val_metrics.png\""), html);
        assertTrue(html.contains("recall@1 0.4100"), html);
        assertTrue(html.contains(RunReportWriter.fmt(result.table().mean().get("R@1"))), html);
    }

    @Test
    void escapesIdsAndReplacesAnOlderReportWhole() throws IOException {
        Path dir = tmp.resolve("report");
        RunReportWriter.write(report("first", 0.5), dir);
        Files.writeString(dir.resolve("stale.txt"), "from an older report");

        RunReportWriter.write(new RunReport("<script>x</script>", "m", "", 40, 1.0, List.of(), List.of(),
                new FinalResult("step-40", "test", "merged", "exact", null, table(0.3)), Instant.EPOCH), dir);

        assertFalse(Files.exists(dir.resolve("stale.txt")), "the folder is replaced, not merged");
        assertFalse(Files.exists(dir.resolve("training_curve.png")), "no curve, no plot");
        String html = Files.readString(dir.resolve("index.html"));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
        assertTrue(html.contains("no training curve"), html);
        assertFalse(Files.readString(dir.resolve("report.csv")).contains("recall@1_vs_exact"), "exact search");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(dir), siblings.toList(), "no temporary folder left behind");
        }
    }

    @Test
    void readsAndThinsTheCurveAndNamesABadLine() throws IOException {
        Path csv = tmp.resolve("train_curve.csv");
        StringBuilder text = new StringBuilder("step,loss,lr\n");
        for (int s = 1; s <= 1001; s++) {
            text.append(s).append(',').append(10.0 / s).append(',').append(0.001).append('\n');
        }
        Files.writeString(csv, text);
        List<CurvePoint> points = RunReport.readCurve(csv, 101);
        assertEquals(101, points.size());
        assertEquals(1, points.get(0).step());
        assertEquals(1001, points.get(100).step());
        assertEquals(10.0 / 501, points.get(50).loss());
        assertEquals(List.of(), RunReport.readCurve(tmp.resolve("missing.csv"), 10));

        Files.writeString(csv, "step,loss,lr\n1,2.0,0.1\n2,oops,0.1\n");
        IOException e = assertThrows(IOException.class, () -> RunReport.readCurve(csv, 10));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    private static RunReport report(String runId, Double recall) {
        List<CurvePoint> curve = new ArrayList<>();
        for (int s = 1; s <= 40; s++) {
            curve.add(new CurvePoint(s, 20.0 * Math.exp(-s / 15.0) + 0.01 * s, 1e-3 * Math.cos(s / 40.0)));
        }
        return new RunReport(runId, "model-1", "demo@abc", 40, 6.5, curve,
                List.of(new CheckpointResult("step-40", 40, table(0.3)), new CheckpointResult("step-20", 20,
                        table(0.2))),
                new FinalResult("step-40", "test", "merged", "annoy", recall, table(0.25)), Instant.now());
    }

    private static EvaluationTable table(double base) {
        List<DomainResult> rows = new ArrayList<>();
        String[] domains = {"food2k", "gldv2"};
        for (int i = 0; i < domains.length; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("R@1", base + 0.1 * i + 1.0 / 3);
            m.put("mMP@5", base + 0.05 * i);
            m.put("mAP@5", base / 3 + i);
            rows.add(new DomainResult(i, domains[i], m, 10 + i, 50, 1, 0.01));
        }
        return new EvaluationTable(rows, 0.1);
    }

    /** section/step/version/domain/metric -> value. */
    private static Map<String, Double> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("section,step,version,domain,metric,value", lines.get(0));
        Map<String, Double> values = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(6, f.length, line);
            values.put(String.join("/", f[0], f[1], f[2], f[3], f[4]), Double.parseDouble(f[5]));
        }
        return values;
    }
}
