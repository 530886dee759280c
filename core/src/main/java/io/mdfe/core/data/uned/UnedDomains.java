package io.mdfe.core.data.uned;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mdfe.core.data.dataset.DatasetException;

/**
 * The UnED domain table (Ypsilantis et al., ICCV 2023): names, ids and each benchmark's
 * query -> index splits. The protocol lives here as data; no code branches on a domain name.
 */
public final class UnedDomains {

    /** Every split file a domain may have under {@code info_files/<domain>/}. */
    public static final Set<String> SPLIT_FILES = Set.of("train", "val", "test", "index", "small_index", "small_train");

    private static final QueryIndexSplits VAL_VAL = new QueryIndexSplits("val", "val");
    private static final QueryIndexSplits TEST_TEST = new QueryIndexSplits("test", "test");
    private static final QueryIndexSplits TEST_INDEX = new QueryIndexSplits("test", "index");

    private static final List<UnedDomain> ALL = List.of(
            new UnedDomain("cars", 0, VAL_VAL, TEST_TEST, false),
            new UnedDomain("sop", 1, VAL_VAL, TEST_TEST, false),
            new UnedDomain("inshop", 2, VAL_VAL, TEST_INDEX, false),
            new UnedDomain("inat", 3, VAL_VAL, TEST_TEST, false),
            new UnedDomain("met", 4, new QueryIndexSplits("val", "small_index"), TEST_INDEX, false),
            new UnedDomain("gldv2", 5, VAL_VAL, TEST_INDEX, false),
            new UnedDomain("food2k", 6, VAL_VAL, TEST_TEST, false),
            new UnedDomain("rp2k", 7, VAL_VAL, TEST_TEST, true));

    private UnedDomains() {}

    /** {@return all eight domains in domain-id order} */
    public static List<UnedDomain> all() {
        return ALL;
    }

    /**
     * {@return the domain called {@code name}}
     *
     * @throws DatasetException naming the valid domains when there is none
     */
    public static UnedDomain byName(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new DatasetException("unknown UnED domain '" + name + "'; valid domains: " + names()));
    }

    private static String names() {
        return ALL.stream().map(UnedDomain::name).collect(Collectors.joining(", "));
    }
}
