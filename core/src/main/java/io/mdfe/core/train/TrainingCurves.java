package io.mdfe.core.train;

import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The curves of a run and their PNG plots: training loss and learning rate per step (the upstream's
 * {@code train_loss.png} and {@code lrs_scheduling.png}) and the evaluation metrics per checkpoint.
 * Plots are written atomically, so a viewer never shows a half-written image.
 */
public final class TrainingCurves {

    private final List<Double> steps = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> lrs = new ArrayList<>();
    private final List<Double> evalSteps = new ArrayList<>();
    // x per metric: a run resumed from an older eval_results.csv gains metrics (e.g. the baseline's) midway
    private final Map<String, List<Double>> metricSteps = new LinkedHashMap<>();
    private final Map<String, List<Double>> metrics = new LinkedHashMap<>();

    /** Records one optimizer step. */
    public void addStep(long step, double loss, double lr) {
        steps.add((double) step);
        losses.add(loss);
        lrs.add(lr);
    }

    /** Records the evaluation of the checkpoint at {@code step}. */
    public void addEvaluation(long step, Map<String, Double> values) {
        evalSteps.add((double) step);
        values.forEach((k, v) -> {
            metricSteps.computeIfAbsent(k, x -> new ArrayList<>()).add((double) step);
            metrics.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        });
    }

    /** Writes the per-step curve as CSV ({@code step,loss,lr}), so a resumed run continues its plots. */
    public void writeCsv(Path csv) throws IOException {
        StringBuilder text = new StringBuilder("step,loss,lr\n");
        for (int i = 0; i < steps.size(); i++) {
            text.append(steps.get(i).longValue()).append(',').append(losses.get(i)).append(',').append(lrs.get(i))
                    .append('\n');
        }
        AtomicFiles.writeString(csv, text.toString());
    }

    /** Reads a curve written by {@link #writeCsv}, keeping the steps up to {@code lastStep}. */
    public static TrainingCurves readCsv(Path csv, long lastStep) throws IOException {
        TrainingCurves curves = new TrainingCurves();
        if (!java.nio.file.Files.exists(csv)) {
            return curves;
        }
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long step = Long.parseLong(f[0]);
            if (step <= lastStep) {
                curves.addStep(step, Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            }
        }
        return curves;
    }

    /** The loss of the last recorded step, NaN when none is. */
    public double lastLoss() {
        return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
    }

    /** Steps recorded so far. */
    public int size() {
        return steps.size();
    }

    /** Writes the loss and learning-rate plots. */
    public void writeStepPlots(Path lossPng, Path lrPng) throws IOException {
        if (steps.isEmpty()) {
            return;
        }
        write(lossPng, line("Training loss", "loss", steps, Map.of("loss", losses)));
        write(lrPng, line("Learning rate schedule", "learning rate", steps, Map.of("lr", lrs)));
    }

    /**
     * Writes the metrics-over-checkpoints plot. A baseline's metrics (the same value at every
     * checkpoint) draw as horizontal reference lines.
     */
    public void writeEvalPlot(Path png) throws IOException {
        if (evalSteps.isEmpty()) {
            return;
        }
        XYChart chart = line("UnED validation metrics per checkpoint", "metric", evalSteps, Map.of());
        chart.getStyler().setLegendVisible(metrics.size() > 1);
        metrics.forEach((name, y) -> chart.addSeries(name, metricSteps.get(name), y).setMarker(SeriesMarkers.CIRCLE));
        write(png, chart);
    }

    private static XYChart line(String title, String yTitle, List<Double> x, Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendVisible(series.size() > 1);
        series.forEach((name, y) -> chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE));
        return chart;
    }

    private static void write(Path png, XYChart chart) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }
}
