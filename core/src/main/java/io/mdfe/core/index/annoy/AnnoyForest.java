package io.mdfe.core.index.annoy;

import java.util.ArrayList;
import java.util.List;

/**
 * A built or loaded Annoy forest: the node array, its distance and the roots found the way
 * annoylib's {@code load} finds them, by scanning back from the end of the array over the nodes
 * with the most descendants (the root copies) and dropping the original last root that precedes
 * them. A freshly built forest uses the same scan, so it searches exactly as its saved file does.
 */
final class AnnoyForest {

    final AnnoyDistance distance;
    final NodeStore store;
    final int[] roots;
    final int items;

    AnnoyForest(AnnoyDistance distance, NodeStore store) {
        this.distance = distance;
        this.store = store;
        List<Integer> found = new ArrayList<>();
        int m = -1;
        for (int i = store.count() - 1; i >= 0; i--) {
            int k = store.getInt(i, 0);
            if (m != -1 && k != m) {
                break;
            }
            found.add(i);
            m = k;
        }
        int child0 = distance.childrenOffset;
        if (found.size() > 1 && store.getInt(found.get(0), child0) == store.getInt(found.get(found.size() - 1), child0)) {
            found.remove(found.size() - 1);
        }
        this.roots = found.stream().mapToInt(Integer::intValue).toArray();
        this.items = m;
    }

    /** A search cursor for one thread. */
    AnnoySearch newSearch() {
        return new AnnoySearch(distance, store, roots, items);
    }

    /** Trees as annoylib counts them ({@code get_n_trees}: the roots found). */
    int trees() {
        return roots.length;
    }
}
