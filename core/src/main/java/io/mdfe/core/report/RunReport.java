package io.mdfe.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the report of one training run shows; {@link RunReportWriter} renders it.
 *
 * @param runId the training run
 * @param modelId the run's model id
 * @param dataset the dataset it trained on, e.g. {@code demo@3f2a...}; empty when unknown
 * @param steps optimizer steps of the run
 * @param finalLoss the training loss at the last step
 * @param curve the training curve, by step (may be empty)
 * @param checkpoints the val evaluation of each evaluated checkpoint, sorted here by step
 * @param result the final evaluation
 * @param generated when the report was assembled
 */
public record RunReport(String runId, String modelId, String dataset, long steps, double finalLoss,
                        List<CurvePoint> curve, List<CheckpointResult> checkpoints, FinalResult result,
                        Instant generated) {

    /** Copies the lists, checkpoints in step order. */
    public RunReport {
        curve = List.copyOf(curve);
        checkpoints = checkpoints.stream().sorted(Comparator.comparingLong(CheckpointResult::step)).toList();
    }

    /**
     * Reads the per-step training curve a run writes ({@code train_curve.csv}: {@code step,loss,lr}).
     *
     * @param csv the file
     * @param maxPoints at most this many points are kept, evenly spread (the last one always), so the report of a
     *                  very long run stays small; at least 2
     * @return the points, empty when the file does not exist
     * @throws IOException naming the file and line of a malformed row
     */
    public static List<CurvePoint> readCurve(Path csv, int maxPoints) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        List<CurvePoint> all = new ArrayList<>();
        int lineNo = 0;
        try (var lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 || line.isBlank()) {
                    continue; // header
                }
                String[] f = line.split(",");
                try {
                    all.add(new CurvePoint(Long.parseLong(f[0].trim()), Double.parseDouble(f[1].trim()),
                            Double.parseDouble(f[2].trim())));
                } catch (RuntimeException e) {
                    throw new IOException(csv + " line " + lineNo + ": expected step,loss,lr, got '" + line + "'");
                }
            }
        }
        int keep = Math.max(2, maxPoints);
        if (all.size() <= keep) {
            return all;
        }
        List<CurvePoint> thinned = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            thinned.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (keep - 1))));
        }
        return thinned;
    }
}
