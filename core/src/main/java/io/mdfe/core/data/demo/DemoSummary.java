package io.mdfe.core.data.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a demo set holds, for the command's closing report.
 *
 * @param dir where it was written
 * @param seed the seed it was generated from
 * @param trainingClasses classes in the training CSV
 * @param csvRows rows of the training CSV
 * @param splits per domain and split: images, classes, multi-label items
 * @param files files written
 * @param bytes their total size
 * @param elapsed wall-clock time of the generation
 */
public record DemoSummary(Path dir, long seed, int trainingClasses, int csvRows, List<SplitCount> splits,
                          int files, long bytes, Duration elapsed) {

    /**
     * One domain's split.
     *
     * @param domain UnED domain name
     * @param split split name
     * @param images items in its json
     * @param classes distinct class ids among them
     * @param multiLabel items with more than one class
     */
    public record SplitCount(String domain, String split, int images, int classes, int multiLabel) {
    }

    /** Copies the list. */
    public DemoSummary {
        splits = List.copyOf(splits);
    }

    /** {@return the counts of {@code items}, per domain and split in plan order} */
    static List<SplitCount> count(List<DemoItem> items) {
        Map<String, List<DemoItem>> groups = new LinkedHashMap<>();
        for (DemoItem item : items) {
            groups.computeIfAbsent(item.domain().unedName() + "/" + item.split(), k -> new ArrayList<>()).add(item);
        }
        List<SplitCount> counts = new ArrayList<>();
        for (List<DemoItem> group : groups.values()) {
            Set<Integer> classes = new TreeSet<>();
            group.forEach(i -> classes.addAll(i.classIds()));
            DemoItem first = group.get(0);
            counts.add(new SplitCount(first.domain().unedName(), first.split(), group.size(), classes.size(),
                    (int) group.stream().filter(DemoItem::multiLabel).count()));
        }
        return counts;
    }

    /** {@return a multi-line table: one row per domain and split, then the totals} */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s %-6s %7s %8s %12s%n", "domain", "split", "images", "classes", "multi-label"));
        for (SplitCount c : splits) {
            sb.append(String.format("%-8s %-6s %7d %8d %12d%n", c.domain(), c.split(), c.images(), c.classes(),
                    c.multiLabel()));
        }
        sb.append(String.format("training CSV: %d rows, %d classes (labels 0..%d)%n", csvRows, trainingClasses,
                trainingClasses - 1));
        sb.append(String.format("%s: %d files, %.1f MB, %.1f s, seed %d", dir, files, bytes / 1e6,
                elapsed.toMillis() / 1e3, seed));
        return sb.toString();
    }
}
