package io.mdfe.core.train;

import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's {@code eval_results.csv}: one row per evaluated checkpoint ({@code step,epoch,<metrics>}),
 * rewritten atomically after each evaluation. A resumed run keeps the rows up to its checkpoint.
 */
public final class EvalResults {

    private final Path file;
    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    private EvalResults(Path file) {
        this.file = file;
    }

    /** Opens {@code file}, keeping existing rows whose step is at most {@code lastStep}. */
    public static EvalResults open(Path file, long lastStep) throws IOException {
        EvalResults results = new EvalResults(file);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty()) {
                results.header.addAll(List.of(lines.get(0).split(",")));
                for (String line : lines.subList(1, lines.size())) {
                    List<String> row = List.of(line.split(","));
                    if (Long.parseLong(row.get(0)) <= lastStep) {
                        results.rows.add(row);
                    }
                }
            }
        }
        return results;
    }

    /** The metrics of every kept row, by step, in order. */
    public Map<Long, Map<String, Double>> rows() {
        Map<Long, Map<String, Double>> out = new LinkedHashMap<>();
        for (List<String> row : rows) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int i = 2; i < header.size(); i++) {
                metrics.put(header.get(i), Double.parseDouble(row.get(i)));
            }
            out.put(Long.parseLong(row.get(0)), metrics);
        }
        return out;
    }

    /** Appends the metrics of the checkpoint at {@code step} and rewrites the file. */
    public void add(long step, int epoch, Map<String, Double> metrics) throws IOException {
        if (header.isEmpty()) {
            header.add("step");
            header.add("epoch");
            header.addAll(metrics.keySet());
        }
        List<String> row = new ArrayList<>(List.of(Long.toString(step), Integer.toString(epoch)));
        for (String name : header.subList(2, header.size())) {
            Double v = metrics.get(name);
            if (v == null) {
                throw new IllegalArgumentException("evaluation of step " + step + " lacks metric '" + name + "'");
            }
            row.add(String.format(java.util.Locale.ROOT, "%.6f", v));
        }
        rows.add(row);
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(r -> text.append(String.join(",", r)).append('\n'));
        AtomicFiles.writeString(file, text.toString());
    }
}
