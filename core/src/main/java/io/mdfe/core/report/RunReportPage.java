package io.mdfe.core.report;

import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import java.util.List;
import java.util.Map;

/**
 * The HTML of a run report: one self-contained page (inline CSS, no scripts, no network) with the summary,
 * the plots and the tables. Every text from outside (ids, domain names) is HTML-escaped.
 */
final class RunReportPage {

    private static final String STYLE = """
            :root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--card:#f9fafb;--accent:#2563eb;--good:#16a34a}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 -apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;
                 color:var(--ink);background:#fff}
            header{background:linear-gradient(120deg,#1e3a8a,#2563eb);color:#fff;padding:28px 40px}
            header h1{margin:0;font-size:24px;font-weight:650}
            header p{margin:6px 0 0;opacity:.85}
            main{max-width:1040px;margin:0 auto;padding:24px 40px 48px}
            h2{font-size:18px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-top:8px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
            .card .k{font-size:12px;color:var(--muted);letter-spacing:.02em}
            .card .v{font-size:22px;font-weight:650;margin-top:2px}
            .card .v.small{font-size:15px;font-weight:600;word-break:break-all}
            img{max-width:100%;border:1px solid var(--line);border-radius:10px}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}
            th{font-size:12px;color:var(--muted);letter-spacing:.02em;background:var(--card)}
            tr.mean td{font-weight:700;border-top:2px solid var(--ink)}
            tr.best td{background:#ecfdf5}
            .bar{display:inline-block;height:8px;border-radius:4px;background:var(--accent);opacity:.75;
                 margin-right:8px;vertical-align:middle}
            .note{color:var(--muted);font-size:13px}
            footer{color:var(--muted);font-size:13px;margin-top:40px}
            code{background:var(--card);padding:1px 5px;border-radius:4px}
            """;

    private RunReportPage() {
    }

    static String html(RunReport r, List<String> curvePngs, String valPng, String testPng) {
        FinalResult result = r.result();
        EvaluationTable test = result.table();
        Map<String, Double> mean = test.mean();
        List<String> metrics = RunReportWriter.metricNames(test);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Run report ").append(esc(r.runId())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<header><h1>Run report: ").append(esc(r.runId())).append("</h1><p>model ")
                .append(esc(r.modelId())).append(" @ ").append(esc(result.version()));
        if (!r.dataset().isEmpty()) {
            h.append(" &middot; dataset ").append(esc(r.dataset()));
        }
        h.append("</p></header>\n<main>\n<section class=\"cards\">");
        for (String m : metrics) {
            card(h, result.split() + " " + m, RunReportWriter.fmt(mean.get(m)), false);
        }
        card(h, "steps", Long.toString(r.steps()), false);
        card(h, "final loss", RunReportWriter.fmt(r.finalLoss()), false);
        card(h, "index", result.indexBackend() + (result.recallAt1() == null ? "" : " (recall@1 "
                + RunReportWriter.fmt(result.recallAt1()) + ")"), true);
        card(h, "checkpoints evaluated", Integer.toString(r.checkpoints().size()), false);
        h.append("</section>\n");

        h.append("<h2>Final ").append(esc(result.split())).append(" evaluation per domain</h2>\n<p class=\"note\">")
                .append(esc(result.protocol())).append(" protocol, ").append(esc(result.indexBackend()))
                .append(" search");
        if (result.recallAt1() != null) {
            h.append(", recall@1 of the index against exact search ").append(RunReportWriter.fmt(result.recallAt1()));
        }
        h.append(".</p>\n<table><tr><th>domain</th>");
        metrics.forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
        h.append("<th>queries</th><th>index</th><th>lone</th></tr>\n");
        for (DomainResult d : test.domains()) {
            h.append("<tr><td>").append(esc(d.domain())).append("</td>");
            for (String m : metrics) {
                h.append("<td>").append(bar(d.metric(m))).append(RunReportWriter.fmt(d.metric(m))).append("</td>");
            }
            h.append("<td>").append(d.queries()).append("</td><td>").append(d.indexItems()).append("</td><td>")
                    .append(d.loneQueries()).append("</td></tr>\n");
        }
        h.append("<tr class=\"mean\"><td>mean</td>");
        metrics.forEach(m -> h.append("<td>").append(RunReportWriter.fmt(mean.get(m))).append("</td>"));
        h.append("<td></td><td></td><td></td></tr></table>\n");
        h.append("<p><img src=\"").append(testPng).append("\" alt=\"final metrics per domain\"></p>\n");

        h.append("<h2>Training curve</h2>\n");
        if (!curvePngs.isEmpty()) {
            curvePngs.forEach(png -> h.append("<p><img src=\"").append(png).append("\" alt=\"").append(png)
                    .append("\"></p>\n"));
        } else {
            h.append("<p class=\"note\">The run folder has no training curve (train_curve.csv).</p>\n");
        }

        h.append("<h2>Validation metrics per checkpoint</h2>\n");
        if (valPng == null) {
            h.append("<p class=\"note\">No checkpoint was evaluated on val.</p>\n");
        } else {
            h.append("<p><img src=\"").append(valPng).append("\" alt=\"val metrics per checkpoint\"></p>\n");
            List<String> valMetrics = RunReportWriter.metricNames(r.checkpoints().get(0).table());
            String first = valMetrics.isEmpty() ? null : valMetrics.get(0);
            double best = r.checkpoints().stream().mapToDouble(c -> first == null ? 0 : c.table().mean().get(first))
                    .max().orElse(0);
            h.append("<table><tr><th>checkpoint</th><th>step</th>");
            valMetrics.forEach(m -> h.append("<th>mean ").append(esc(m)).append("</th>"));
            h.append("</tr>\n");
            for (CheckpointResult c : r.checkpoints()) {
                Map<String, Double> m = c.table().mean();
                boolean isBest = first != null && m.get(first) == best;
                h.append(isBest ? "<tr class=\"best\">" : "<tr>").append("<td>").append(esc(c.version()))
                        .append(isBest ? " &#9733;" : "").append("</td><td>").append(c.step()).append("</td>");
                valMetrics.forEach(name -> h.append("<td>").append(RunReportWriter.fmt(m.get(name))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</table>\n<p class=\"note\">&#9733; best checkpoint by mean ").append(esc(first == null ? "" : first))
                    .append(" on val.</p>\n");
        }
        h.append("<footer>Generated ").append(RunReportWriter.time(r.generated()))
                .append(" by eval-service from the run's events. Every number on this page is in <code>")
                .append(RunReportWriter.CSV).append("</code>.</footer>\n</main></body></html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String key, String value, boolean small) {
        h.append("<div class=\"card\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v")
                .append(small ? " small" : "").append("\">").append(esc(value)).append("</div></div>");
    }

    private static String bar(double v) {
        int px = (int) Math.round(Math.max(0, Math.min(1, v)) * 80);
        return "<span class=\"bar\" style=\"width:" + px + "px\"></span>";
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
