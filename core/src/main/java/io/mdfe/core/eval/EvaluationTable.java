package io.mdfe.core.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-domain results and their mean over the evaluated domains (UnED reports the unweighted mean
 * of the per-domain figures).
 *
 * @param domains one row per domain, in domain-id order
 * @param buildSeconds wall time spent building indexes
 */
public record EvaluationTable(List<DomainResult> domains, double buildSeconds) {

    /** Sorts the rows by domain id. */
    public EvaluationTable {
        domains = domains.stream().sorted(Comparator.comparingInt(DomainResult::domainId)).toList();
    }

    /** Joins tables of disjoint domains, e.g. the per-domain tasks of the separate protocol. */
    public static EvaluationTable combine(List<EvaluationTable> tables) {
        List<DomainResult> rows = new ArrayList<>();
        double build = 0;
        for (EvaluationTable t : tables) {
            rows.addAll(t.domains);
            build += t.buildSeconds;
        }
        return new EvaluationTable(rows, build);
    }

    /** Each metric's mean over the domains. */
    public Map<String, Double> mean() {
        Map<String, Double> mean = new LinkedHashMap<>();
        for (DomainResult row : domains) {
            row.metrics().forEach((name, v) -> mean.merge(name, v / domains.size(), Double::sum));
        }
        return mean;
    }

    /** A fixed-width text table with a mean row. */
    public String format() {
        List<String> names = domains.isEmpty() ? List.of() : List.copyOf(domains.get(0).metrics().keySet());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", "domain"));
        names.forEach(n -> sb.append(String.format(Locale.ROOT, " %8s", n)));
        sb.append(String.format(Locale.ROOT, " %9s %9s %6s %9s%n", "queries", "index", "lone", "seconds"));
        for (DomainResult row : domains) {
            sb.append(String.format(Locale.ROOT, "%-10s", row.domain()));
            names.forEach(n -> sb.append(String.format(Locale.ROOT, " %8.4f", row.metric(n))));
            sb.append(String.format(Locale.ROOT, " %9d %9d %6d %9.2f%n", row.queries(), row.indexItems(),
                    row.loneQueries(), row.seconds()));
        }
        sb.append(String.format(Locale.ROOT, "%-10s", "mean"));
        Map<String, Double> mean = mean();
        names.forEach(n -> sb.append(String.format(Locale.ROOT, " %8.4f", mean.get(n))));
        return sb.append(System.lineSeparator()).toString();
    }
}
