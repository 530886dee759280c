package io.mdfe.core.data.uned;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.mdfe.core.data.dataset.DatasetException;

/**
 * The UnED domain table (Ypsilantis et al., ICCV 2023): names, ids and each benchmark's
 * query -> index splits. The protocol lives here as data; no code branches on a domain name.
 * Any other domain of a UnED-layout folder gets its splits from the files present or from
 * {@code domains.yaml} ({@link DomainCatalog}) and an id from {@link #FIRST_OTHER_ID} on.
 */
public final class UnedDomains {

    /** Every split file a domain may have under {@code info_files/<domain>/}. */
    public static final Set<String> SPLIT_FILES = Set.of("train", "val", "test", "index", "small_index", "small_train");

    /** The id of the first domain that is not one of the eight (ids go on in sorted name order). */
    public static final int FIRST_OTHER_ID = 8;

    /**
     * What a domain may be called: a plain folder name that survives CSV columns, comma-separated
     * {@code --domains} lists and {@code uned:<name>}.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final QueryIndexSplits VAL_VAL = new QueryIndexSplits("val", "val");
    static final QueryIndexSplits VAL_SMALL_INDEX = new QueryIndexSplits("val", "small_index");
    static final QueryIndexSplits TEST_TEST = new QueryIndexSplits("test", "test");
    static final QueryIndexSplits TEST_INDEX = new QueryIndexSplits("test", "index");

    private static final List<UnedDomain> ALL = List.of(
            new UnedDomain("cars", 0, VAL_VAL, TEST_TEST, false),
            new UnedDomain("sop", 1, VAL_VAL, TEST_TEST, false),
            new UnedDomain("inshop", 2, VAL_VAL, TEST_INDEX, false),
            new UnedDomain("inat", 3, VAL_VAL, TEST_TEST, false),
            new UnedDomain("met", 4, VAL_SMALL_INDEX, TEST_INDEX, false),
            new UnedDomain("gldv2", 5, VAL_VAL, TEST_INDEX, false),
            new UnedDomain("food2k", 6, VAL_VAL, TEST_TEST, false),
            new UnedDomain("rp2k", 7, VAL_VAL, TEST_TEST, true));

    private UnedDomains() {}

    /** {@return the eight UnED domains in domain-id order} */
    public static List<UnedDomain> all() {
        return ALL;
    }

    /** {@return the UnED table's domain called {@code name}, empty for any other name} */
    public static Optional<UnedDomain> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * Checks that {@code name} can be a domain: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -},
     * not starting with {@code .}, {@code _} or {@code -}.
     *
     * @param where what the name comes from, put before the message (e.g. the folder)
     * @throws DatasetException naming the name and the rule
     */
    public static void requireValidName(String name, String where) {
        if (!NAME.matcher(name).matches()) {
            String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
            throw new DatasetException(where + "'" + shown + "' is not a usable domain name: use 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
