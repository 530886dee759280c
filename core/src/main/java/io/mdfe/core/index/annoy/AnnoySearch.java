package io.mdfe.core.index.annoy;

import java.util.Arrays;

/**
 * One query as annoylib's {@code _get_all_nns} runs it: a max-priority queue over nodes of all trees,
 * keyed by {@code (margin bound, node id)} and seeded with every root at +infinity; it pops until
 * {@code search_k} candidate items are collected (default {@code k * n_trees}), then deduplicates
 * the candidates and re-ranks them by their true distance, ties by id. annoylib sorts the candidates
 * to deduplicate them and partially sorts all distances; a bit per node and a {@code k}-entry heap
 * select the same neighbours (the (distance, id) keys are distinct) with less work, and the
 * distances are computed four candidates at a time so that their memory reads overlap.
 *
 * <p>Not thread-safe: each searching thread uses its own instance (the queue is reused between queries).
 */
final class AnnoySearch {

    private final AnnoyDistance distance;
    private final NodeStore store;
    private final int[] roots;
    private final int items;
    private float[] heapKey = new float[1024];
    private int[] heapNode = new int[1024];
    private int heapSize;
    private int[] candidates = new int[1024];
    /** One bit per node: candidates already re-ranked in this query (cleared after each). */
    private final long[] seen;
    /** A max-heap of the {@code k} smallest (distance, id) keys so far; reused between queries. */
    private long[] best = new long[16];
    /** The candidates' distances; reused between queries. */
    private float[] distances = new float[1024];

    AnnoySearch(AnnoyDistance distance, NodeStore store, int[] roots, int items) {
        this.distance = distance;
        this.store = store;
        this.roots = roots;
        this.items = items;
        this.seen = new long[(store.count() + 63) >>> 6];
    }

    /**
     * Writes the {@code k} nearest items of {@code q} into row {@code row} of {@code ids}/{@code dists};
     * a row with fewer results is left as it was (the caller pre-fills the padding).
     */
    void search(float[] q, int k, int searchK, int[] ids, float[] dists, int row) {
        int limit = searchK == -1 ? k * roots.length : searchK;
        heapSize = 0;
        for (int root : roots) {
            push(Float.POSITIVE_INFINITY, root);
        }
        int found = 0;
        int maxLeaf = distance.maxLeafItems;
        while (found < limit && heapSize > 0) {
            float d = heapKey[0];
            int node = heapNode[0];
            pop();
            int descendants = store.getInt(node, 0);
            if (descendants == 1 && node < items) {
                candidates = ensure(candidates, found + 1);
                candidates[found++] = node;
            } else if (descendants <= maxLeaf) {
                candidates = ensure(candidates, found + descendants);
                for (int c = 0; c < descendants; c++) {
                    candidates[found++] = store.getInt(node, distance.childrenOffset + 4 * c);
                }
            } else {
                float margin = distance.margin(store, node, q);
                push(AnnoyDistance.pqDistance(d, margin, 1), store.getInt(node, distance.childrenOffset + 4));
                push(AnnoyDistance.pqDistance(d, margin, 0), store.getInt(node, distance.childrenOffset));
            }
        }
        rerank(q, k, found, ids, dists, row);
    }

    private void rerank(float[] q, int k, int found, int[] ids, float[] dists, int row) {
        int distinct = 0;
        for (int i = 0; i < found; i++) {
            int j = candidates[i];
            if ((seen[j >>> 6] & (1L << j)) == 0) {
                seen[j >>> 6] |= 1L << j;
                candidates[distinct++] = j;
            }
        }
        int ranked = 0;
        for (int i = 0; i < distinct; i++) {
            int j = candidates[i];
            seen[j >>> 6] = 0;
            if (store.getInt(j, 0) == 1) { // annoylib's guard for #284: only items are ranked
                candidates[ranked++] = j;
            }
        }
        if (distances.length < ranked) {
            distances = new float[Math.max(ranked, 2 * distances.length)];
        }
        distance.distances(q, distance.queryExtra(q), store, candidates, ranked, distances);
        if (best.length < k) {
            best = new long[k];
        }
        int kept = 0;
        for (int i = 0; i < ranked; i++) {
            long key = sortKey(distances[i], candidates[i]);
            if (kept < k) {
                siftUp(key, kept++);
            } else if (key < best[0]) {
                siftDown(key, kept);
            }
        }
        Arrays.sort(best, 0, kept);
        for (int r = 0; r < kept; r++) {
            ids[row * k + r] = (int) best[r];
            dists[row * k + r] = distance.normalizedDistance(keyFloat(best[r]));
        }
    }

    /** Adds {@code key} to the max-heap {@code best[0..at)} at its end. */
    private void siftUp(long key, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (best[parent] >= key) {
                break;
            }
            best[at] = best[parent];
            at = parent;
        }
        best[at] = key;
    }

    /** Replaces the largest key of the max-heap {@code best[0..size)} by {@code key}. */
    private void siftDown(long key, int size) {
        int at = 0;
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            if (child + 1 < size && best[child + 1] > best[child]) {
                child++;
            }
            if (best[child] <= key) {
                break;
            }
            best[at] = best[child];
            at = child;
        }
        best[at] = key;
    }

    /** Packs (distance, id) into a long whose signed order is the pair order (ids are >= 0). */
    private static long sortKey(float d, int id) {
        int bits = Float.floatToIntBits(d == 0f ? 0f : d); // -0 ranks with +0, as in C++
        int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
        return ((long) ordered << 32) | (id & 0xffffffffL);
    }

    private static float keyFloat(long key) {
        int ordered = (int) (key >> 32);
        return Float.intBitsToFloat(ordered >= 0 ? ordered : ordered ^ 0x7fffffff);
    }

    private static int[] ensure(int[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    // ---- binary max-heap on (key, node), the order of std::priority_queue<pair<float, int>> ----

    private static boolean above(float ka, int na, float kb, int nb) {
        return ka > kb || (ka == kb && na > nb);
    }

    private void push(float key, int node) {
        if (heapSize == heapKey.length) {
            heapKey = Arrays.copyOf(heapKey, heapSize * 2);
            heapNode = Arrays.copyOf(heapNode, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(key, node, heapKey[parent], heapNode[parent])) {
                break;
            }
            heapKey[i] = heapKey[parent];
            heapNode[i] = heapNode[parent];
            i = parent;
        }
        heapKey[i] = key;
        heapNode[i] = node;
    }

    private void pop() {
        float key = heapKey[--heapSize];
        int node = heapNode[heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && above(heapKey[right], heapNode[right], heapKey[child], heapNode[child])) {
                child = right;
            }
            if (!above(heapKey[child], heapNode[child], key, node)) {
                break;
            }
            heapKey[i] = heapKey[child];
            heapNode[i] = heapNode[child];
            i = child;
        }
        heapKey[i] = key;
        heapNode[i] = node;
    }
}
