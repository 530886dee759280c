package io.mdfe.core.index.exact;

/**
 * The best {@code capacity} (score, id) pairs offered so far, larger score better: a binary min-heap
 * whose root is the worst kept pair, so the admission test is one comparison with {@link #threshold()}.
 * Not thread safe; each query of a search block has its own.
 */
final class TopCandidates {

    private final float[] scores;
    private final int[] ids;
    private int size;

    TopCandidates(int capacity) {
        scores = new float[capacity];
        ids = new int[capacity];
    }

    /** Scores must be strictly above this to be kept: the worst kept score once full, else -inf. */
    float threshold() {
        return size == scores.length ? scores[0] : Float.NEGATIVE_INFINITY;
    }

    /** Keeps the pair if it beats the threshold, evicting the worst kept pair when full. */
    void offer(float score, int id) {
        if (size < scores.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (scores[parent] <= score) {
                    break;
                }
                scores[i] = scores[parent];
                ids[i] = ids[parent];
                i = parent;
            }
            scores[i] = score;
            ids[i] = id;
        } else if (score > scores[0]) {
            siftDownFromRoot(score, id);
        }
    }

    private void siftDownFromRoot(float score, int id) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && scores[child + 1] < scores[child]) {
                child++;
            }
            if (scores[child] >= score) {
                break;
            }
            scores[i] = scores[child];
            ids[i] = ids[child];
            i = child;
        }
        scores[i] = score;
        ids[i] = id;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == scores.length;
    }

    float score(int slot) {
        return scores[slot];
    }

    int id(int slot) {
        return ids[slot];
    }

    /** The {@code k}-th largest kept score (1-based); requires {@code k <= size()}. */
    float kthLargest(int k) {
        float[] sorted = java.util.Arrays.copyOf(scores, size);
        java.util.Arrays.sort(sorted);
        return sorted[size - k];
    }
}
