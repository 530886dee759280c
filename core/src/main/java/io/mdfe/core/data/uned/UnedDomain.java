package io.mdfe.core.data.uned;

/**
 * One UnED domain as the benchmark defines it.
 *
 * @param name              the folder name under {@code info_files/} and {@code images/}
 * @param id                the fixed domain id (0..7)
 * @param val               the val benchmark's query and index splits
 * @param test              the test benchmark's query and index splits
 * @param escapedFileNames  true when image files with non-ASCII names may be stored with
 *                          {@code #UXXXX} escapes instead (rp2k)
 */
public record UnedDomain(String name, int id, QueryIndexSplits val, QueryIndexSplits test, boolean escapedFileNames) {

    /** {@return the query and index splits of {@code split}'s benchmark} */
    public QueryIndexSplits splits(UnedSplit split) {
        return split == UnedSplit.VAL ? val : test;
    }
}
