package io.mdfe.core.data.uned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One kNN retrieval run: every query is searched against the index.
 *
 * <p>When a query is itself an entry of the index (val -> val, test -> test), its own entry must
 * not count as a neighbour and the number of relevant items drops by one. {@link #selfPositions}
 * says, per query, where that entry is in the index (-1 when the query is not in it), so the
 * metric removes it by identity instead of upstream's "drop rank 0" (which differs on exact
 * duplicate images). In a merged task this varies per domain: met's val queries (val ->
 * small_index) have -1 while cars' (val -> val) have their positions.
 *
 * @param name          the domain name for a separate task, {@code merged} for the merged one
 * @param queries       the query items
 * @param index         the index (database) items
 * @param queryIsIndex  true when at least one query is in the index (then see {@code selfPositions})
 * @param selfPositions per query, the position of its own entry in {@code index}, or -1
 * @param domainNames   the name of each domain id of the items (results are named after it)
 */
public record RetrievalTask(String name, List<UnedItem> queries, List<UnedItem> index, boolean queryIsIndex,
        List<Integer> selfPositions, Map<Integer, String> domainNames) {

    /** Name of the task of the merged protocol. */
    public static final String MERGED = "merged";

    /** Names of the eight UnED domains by id, for tasks built without names. */
    private static final Map<Integer, String> TABLE_NAMES = UnedDomains.all().stream()
            .collect(Collectors.toUnmodifiableMap(UnedDomain::id, UnedDomain::name));

    /** Checks that every self position is -1 or an index entry equal to its query. */
    public RetrievalTask {
        queries = List.copyOf(queries);
        index = List.copyOf(index);
        selfPositions = List.copyOf(selfPositions);
        domainNames = Map.copyOf(domainNames);
        if (selfPositions.size() != queries.size()) {
            throw new IllegalArgumentException(name + ": " + selfPositions.size() + " self positions for "
                    + queries.size() + " queries");
        }
        boolean anySelf = false;
        for (int q = 0; q < queries.size(); q++) {
            int p = selfPositions.get(q);
            if (p != -1 && (p < 0 || p >= index.size() || !index.get(p).equals(queries.get(q)))) {
                throw new IllegalArgumentException(name + ": query " + q + ": self position " + p
                        + " is not that query's entry in the index");
            }
            anySelf |= p >= 0;
        }
        if (anySelf != queryIsIndex) {
            throw new IllegalArgumentException(name + ": queryIsIndex=" + queryIsIndex
                    + " but self positions say " + anySelf);
        }
    }

    /** A task over items of the eight UnED domains (named after the UnED table). */
    public RetrievalTask(String name, List<UnedItem> queries, List<UnedItem> index, boolean queryIsIndex,
            List<Integer> selfPositions) {
        this(name, queries, index, queryIsIndex, selfPositions, TABLE_NAMES);
    }

    /**
     * A task of one query set: when {@code queryIsIndex}, {@code queries} and {@code index} are the
     * same list and query i is index entry i.
     *
     * @param domainNames the name of each domain id of the items
     */
    public RetrievalTask(String name, List<UnedItem> queries, List<UnedItem> index, boolean queryIsIndex,
            Map<Integer, String> domainNames) {
        this(name, queries, index, queryIsIndex, ownPositions(queries.size(), queryIsIndex), domainNames);
    }

    /** A task of one query set over items of the eight UnED domains (see the constructor above). */
    public RetrievalTask(String name, List<UnedItem> queries, List<UnedItem> index, boolean queryIsIndex) {
        this(name, queries, index, queryIsIndex, TABLE_NAMES);
    }

    /** {@return the name of domain {@code domainId}, {@code domain<id>} when the task does not know it} */
    public String domainName(int domainId) {
        return domainNames.getOrDefault(domainId, "domain" + domainId);
    }

    /** {@return the position of query {@code query}'s own entry in the index, or -1} */
    public int selfPosition(int query) {
        return selfPositions.get(query);
    }

    /**
     * Concatenates tasks into one: queries after queries, index after index, self positions
     * shifted by the size of the index before them.
     */
    static RetrievalTask concat(String name, List<RetrievalTask> parts) {
        List<UnedItem> queries = new ArrayList<>();
        List<UnedItem> index = new ArrayList<>();
        List<Integer> self = new ArrayList<>();
        Map<Integer, String> names = new HashMap<>();
        for (RetrievalTask part : parts) {
            names.putAll(part.domainNames);
            int offset = index.size();
            queries.addAll(part.queries);
            index.addAll(part.index);
            part.selfPositions.forEach(p -> self.add(p < 0 ? -1 : p + offset));
        }
        return new RetrievalTask(name, queries, index, parts.stream().anyMatch(RetrievalTask::queryIsIndex), self,
                names);
    }

    private static List<Integer> ownPositions(int count, boolean queryIsIndex) {
        return IntStream.range(0, count).map(i -> queryIsIndex ? i : -1).boxed().toList();
    }
}
