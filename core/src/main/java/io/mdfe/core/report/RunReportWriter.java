package io.mdfe.core.report;

import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link RunReport} into a folder: {@value #HTML} (self-contained page: summary, plots, tables),
 * {@value #CSV} (every number of the page, one per row) and the plots as PNG (XChart). The folder is written
 * to a temporary sibling and renamed into place, so a reader sees the old report or the new one, never a mix.
 *
 * <p>The CSV has the columns {@code section,step,version,domain,metric,value}: section {@code train} (metrics
 * {@code loss} and {@code lr} per step), {@code val} (each evaluated checkpoint, per domain and {@code mean})
 * and {@code test} (the final evaluation, per domain and {@code mean}, plus {@code recall@1_vs_exact} for an
 * approximate index). Values are written in Java's shortest round-trip form, so they equal the events' doubles.
 */
public final class RunReportWriter {

    /** The page. */
    public static final String HTML = "index.html";
    /** The numbers. */
    public static final String CSV = "report.csv";

    private static final String CURVE_PNG = "training_curve.png";
    private static final String LR_PNG = "learning_rate.png";
    private static final String VAL_PNG = "val_metrics.png";
    private static final String TEST_PNG = "test_metrics.png";
    private static final Color[] PALETTE = {new Color(0x2563eb), new Color(0xea580c), new Color(0x16a34a),
            new Color(0x9333ea), new Color(0xdc2626), new Color(0x0891b2)};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RunReportWriter() {
    }

    /**
     * Writes the report folder, replacing an older one.
     *
     * @param report what to show
     * @param dir the report folder, e.g. {@code <run>/report}
     * @return the page, {@code dir/index.html}
     * @throws IOException when a file cannot be written; the old folder (if any) is then left as it was
     */
    public static Path write(RunReport report, Path dir) throws IOException {
        AtomicFiles.writePath(dir, tmp -> {
            Files.createDirectories(tmp);
            boolean curve = !report.curve().isEmpty();
            boolean val = !report.checkpoints().isEmpty();
            if (curve) {
                png(curveChart(report.curve(), false), tmp.resolve(CURVE_PNG));
                png(curveChart(report.curve(), true), tmp.resolve(LR_PNG));
            }
            if (val) {
                png(valChart(report.checkpoints()), tmp.resolve(VAL_PNG));
            }
            png(testChart(report.result()), tmp.resolve(TEST_PNG));
            Files.writeString(tmp.resolve(CSV), csv(report), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(HTML), RunReportPage.html(report, curve ? List.of(CURVE_PNG, LR_PNG)
                    : List.of(), val ? VAL_PNG : null, TEST_PNG), StandardCharsets.UTF_8);
        });
        return dir.resolve(HTML);
    }

    /** {@return the report's numbers as CSV} */
    static String csv(RunReport report) {
        StringBuilder out = new StringBuilder("section,step,version,domain,metric,value\n");
        for (CurvePoint p : report.curve()) {
            row(out, "train", Long.toString(p.step()), "", "", "loss", p.loss());
            row(out, "train", Long.toString(p.step()), "", "", "lr", p.lr());
        }
        for (CheckpointResult c : report.checkpoints()) {
            table(out, "val", Long.toString(c.step()), c.version(), c.table());
        }
        FinalResult result = report.result();
        table(out, result.split(), Long.toString(report.steps()), result.version(), result.table());
        if (result.recallAt1() != null) {
            row(out, result.split(), Long.toString(report.steps()), result.version(), "", "recall@1_vs_exact",
                    result.recallAt1());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String section, String step, String version, EvaluationTable t) {
        for (DomainResult d : t.domains()) {
            d.metrics().forEach((metric, v) -> row(out, section, step, version, d.domain(), metric, v));
        }
        t.mean().forEach((metric, v) -> row(out, section, step, version, "mean", metric, v));
    }

    private static void row(StringBuilder out, String section, String step, String version, String domain,
                            String metric, double value) {
        out.append(section).append(',').append(step).append(',').append(version).append(',').append(domain)
                .append(',').append(metric).append(',').append(value).append('\n');
    }

    private static XYChart curveChart(List<CurvePoint> curve, boolean lr) {
        XYChart chart = new XYChartBuilder().width(960).height(lr ? 300 : 420)
                .title(lr ? "Learning rate" : "Training loss").xAxisTitle("step").yAxisTitle(lr ? "learning rate" : "loss")
                .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendVisible(false);
        // Learning rates (1e-5..1e-2) need their own pattern, or every tick reads "0".
        chart.getStyler().setYAxisDecimalPattern(lr ? "0.0##E0" : "0.###");
        List<Long> steps = curve.stream().map(CurvePoint::step).toList();
        XYSeries series = chart.addSeries(lr ? "learning rate" : "loss", steps,
                curve.stream().map(p -> lr ? p.lr() : p.loss()).toList());
        series.setMarker(SeriesMarkers.NONE).setLineColor(PALETTE[lr ? 1 : 0]).setLineStyle(new BasicStroke(2.2f));
        return chart;
    }

    private static XYChart valChart(List<CheckpointResult> checkpoints) {
        XYChart chart = new XYChartBuilder().width(960).height(420).title("Validation metrics per checkpoint (mean over domains)")
                .xAxisTitle("step").yAxisTitle("score").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(9);
        List<Long> steps = checkpoints.stream().map(CheckpointResult::step).toList();
        int i = 0;
        for (String metric : metricNames(checkpoints.get(0).table())) {
            List<Double> values = checkpoints.stream().map(c -> c.table().mean().get(metric)).toList();
            XYSeries s = chart.addSeries(metric, steps, values);
            Color color = PALETTE[i++ % PALETTE.length];
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color)
                    .setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    private static CategoryChart testChart(FinalResult result) {
        EvaluationTable table = result.table();
        List<String> domains = new ArrayList<>(table.domains().stream().map(DomainResult::domain).toList());
        domains.add("mean");
        CategoryChart chart = new CategoryChartBuilder().width(960).height(420)
                .title("Final " + result.split() + " metrics per domain (" + result.indexBackend() + " search)")
                .xAxisTitle("domain").yAxisTitle("score").build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        int i = 0;
        Map<String, Double> mean = table.mean();
        for (String metric : metricNames(table)) {
            List<Double> values = new ArrayList<>(table.domains().stream().map(d -> d.metric(metric)).toList());
            values.add(mean.get(metric));
            chart.addSeries(metric, domains, values).setFillColor(PALETTE[i++ % PALETTE.length]);
        }
        return chart;
    }

    private static void style(Styler styler) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        styler.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(false)
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16)).setChartTitleBoxVisible(false)
                .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendBorderColor(Color.WHITE).setLegendFont(font).setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xe5e7eb));
            axes.setPlotGridVerticalLinesVisible(false);
            axes.setAxisTickLabelsFont(font);
            axes.setAxisTitleFont(font);
        }
    }

    static List<String> metricNames(EvaluationTable table) {
        return table.domains().isEmpty() ? List.of() : List.copyOf(table.domains().get(0).metrics().keySet());
    }

    private static void png(Chart<?, ?> chart, Path file) throws IOException {
        Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** {@return the time as the page shows it} */
    static String time(java.time.Instant instant) {
        return TIME.format(instant);
    }

    /** {@return a metric value as the page shows it} */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
