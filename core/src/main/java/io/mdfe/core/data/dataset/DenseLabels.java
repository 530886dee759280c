package io.mdfe.core.data.dataset;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Original class ids remapped to dense labels 0..C-1 in sorted id order, as upstream does with
 * {@code sorted(set(ids))}. When every id is an integer the sort is numeric ({@code 2 < 10}) and
 * {@code 7} and {@code 007} are the same class, as pandas reads such a column as ints; otherwise
 * ids are strings sorted by code point, Python's string order.
 */
public final class DenseLabels {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final int[] labels;
    private final int numClasses;

    private DenseLabels(int[] labels, int numClasses) {
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** {@return the dense labels of {@code ids}, one per id, in the same order} */
    public static DenseLabels of(List<String> ids) {
        boolean numeric = ids.stream().allMatch(id -> INTEGER.matcher(id).matches());
        return numeric ? remap(ids.stream().map(BigInteger::new).toList()) : remapStrings(ids);
    }

    private static DenseLabels remapStrings(List<String> ids) {
        TreeSet<String> sorted = new TreeSet<>(DenseLabels::compareCodePoints);
        sorted.addAll(new java.util.HashSet<>(ids)); // dedupe first: the comparator allocates
        return assign(ids, sorted);
    }

    private static DenseLabels remap(List<BigInteger> ids) {
        return assign(ids, new TreeSet<>(ids));
    }

    private static <K> DenseLabels assign(List<K> ids, TreeSet<K> sorted) {
        Map<K, Integer> dense = new HashMap<>();
        for (K id : sorted) {
            dense.put(id, dense.size());
        }
        int[] labels = new int[ids.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dense.get(ids.get(i));
        }
        return new DenseLabels(labels, dense.size());
    }

    // String.compareTo orders UTF-16 units, which differs from Python for characters beyond U+FFFF
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** {@return the dense label of the {@code i}-th id} */
    public int label(int i) {
        return labels[i];
    }

    /** {@return the number of distinct ids, C} */
    public int numClasses() {
        return numClasses;
    }
}
