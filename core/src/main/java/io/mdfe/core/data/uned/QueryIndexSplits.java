package io.mdfe.core.data.uned;

/**
 * Which info files hold one benchmark's queries and index for a domain, e.g. {@code val -> val}
 * or {@code test -> index}.
 *
 * @param query the split file (without {@code .json}) holding the queries
 * @param index the split file holding the index (database) searched
 */
public record QueryIndexSplits(String query, String index) {

    /** {@return true when the queries are searched among themselves (each query is in the index)} */
    public boolean queryIsIndex() {
        return query.equals(index);
    }

    @Override
    public String toString() {
        return query + " -> " + index;
    }
}
