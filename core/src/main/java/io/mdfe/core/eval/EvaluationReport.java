package io.mdfe.core.eval;

import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes evaluation results for people and for tools: a CSV (one row per domain plus the mean) and
 * a grouped bar chart PNG of the metrics per domain. Several tables (e.g. before and after
 * training) can share one chart.
 */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /** Writes {@code table} as CSV: domain, metrics..., queries, index, lone, seconds; last row the mean. */
    public static void writeCsv(EvaluationTable table, Path csv) throws IOException {
        List<String> names = metricNames(table);
        StringBuilder text = new StringBuilder("domain");
        names.forEach(n -> text.append(',').append(n));
        text.append(",queries,index,lone_queries,seconds\n");
        for (DomainResult row : table.domains()) {
            text.append(row.domain());
            names.forEach(n -> text.append(',').append(String.format(Locale.ROOT, "%.6f", row.metric(n))));
            text.append(String.format(Locale.ROOT, ",%d,%d,%d,%.3f%n", row.queries(), row.indexItems(),
                    row.loneQueries(), row.seconds()));
        }
        text.append("mean");
        Map<String, Double> mean = table.mean();
        names.forEach(n -> text.append(',').append(String.format(Locale.ROOT, "%.6f", mean.get(n))));
        text.append(",,,,\n");
        AtomicFiles.writeString(csv, text.toString());
    }

    /**
     * Writes a bar chart of every metric per domain (and the mean), one series per labelled table.
     *
     * @param tables label (e.g. "untrained", "trained") to table, in legend order
     */
    public static void writeChart(Map<String, EvaluationTable> tables, String title, Path png) throws IOException {
        EvaluationTable first = tables.values().iterator().next();
        List<String> names = metricNames(first);
        List<String> categories = new ArrayList<>();
        for (DomainResult row : first.domains()) {
            for (String n : names) {
                categories.add(row.domain() + " " + n);
            }
        }
        names.forEach(n -> categories.add("mean " + n));
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 60 * categories.size())).height(500)
                .title(title).xAxisTitle("domain and metric").yAxisTitle("score").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisLabelRotation(45).setLegendVisible(tables.size() > 1);
        for (Map.Entry<String, EvaluationTable> entry : tables.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (DomainResult row : entry.getValue().domains()) {
                names.forEach(n -> values.add(row.metric(n)));
            }
            Map<String, Double> mean = entry.getValue().mean();
            names.forEach(n -> values.add(mean.get(n)));
            chart.addSeries(entry.getKey(), categories, values);
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    /** The metric values of the mean row, for checkpoint logs: e.g. {@code R@1 -> 0.42}. */
    public static Map<String, Double> summary(EvaluationTable table) {
        return new LinkedHashMap<>(table.mean());
    }

    private static List<String> metricNames(EvaluationTable table) {
        return table.domains().isEmpty() ? List.of() : List.copyOf(table.domains().get(0).metrics().keySet());
    }
}
