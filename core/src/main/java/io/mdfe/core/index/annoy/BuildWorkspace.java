package io.mdfe.core.index.annoy;

/**
 * One build thread's scratch, reused tree after tree. A split reads every one of its items' vectors
 * (200 at random, then all); annoylib reads them where they were added, which deep in a tree means a
 * few rows scattered over the whole array, a cache and TLB miss each: most of a build's time. Here a
 * node whose rows fit a cache-sized level ({@value #BASE_BYTES} bytes, times 4 per level, up to
 * {@value #MAX_BYTES}) copies them, in its own order, into that level's buffer, and its subtree
 * reads them there until a smaller level takes over. Each row is copied a few times per tree rather
 * than missed at every level; the arithmetic is unchanged, so the trees are the same.
 *
 * <p>Memory: at most about 4/3 of the largest level that fits the items, so 43 MB per thread.
 */
final class BuildWorkspace {

    static final int BASE_BYTES = 128 << 10;
    static final int MAX_BYTES = 32 << 20;

    private final ItemVectors items;
    private final long rowBytes;
    private final int baseBytes;
    /** Level {@code j} holds up to {@code baseBytes * 4^j} bytes of rows; made when first needed. */
    private final ItemVectors[] levels;
    /** A split's dot products with its items, in item order, and its items' node-local numbers, side 0 first. */
    final float[] dots;
    final int[] parted;

    BuildWorkspace(ItemVectors items) {
        this(items, BASE_BYTES);
    }

    /** With levels from {@code baseBytes} (tests use tiny ones). */
    BuildWorkspace(ItemVectors items, int baseBytes) {
        this.items = items;
        this.rowBytes = 4L * items.dim();
        this.baseBytes = baseBytes;
        int count = 0;
        for (long bytes = baseBytes; bytes <= MAX_BYTES; bytes *= 4) {
            count++;
        }
        this.levels = new ItemVectors[count];
        this.dots = new float[items.count()];
        this.parted = new int[items.count()];
    }

    /** Where a tree's root reads its rows: the items, in order. */
    ItemVectors items() {
        return items;
    }

    /** The level a node of {@code n} rows works in, or -1 when it is larger than all of them. */
    int level(int n) {
        long bytes = baseBytes;
        for (int j = 0; j < levels.length; j++, bytes *= 4) {
            if (n * rowBytes <= bytes) {
                return j;
            }
        }
        return -1;
    }

    /** Level {@code j}'s buffer. */
    ItemVectors buffer(int j) {
        if (levels[j] == null) {
            int rows = (int) Math.min(items.count(), ((long) baseBytes << (2 * j)) / rowBytes);
            levels[j] = items.zeros(rows);
        }
        return levels[j];
    }

    /**
     * Copies the rows {@code positions} of {@code from} to the start of level {@code j}'s buffer and
     * returns their new positions, {@code 0..n-1}.
     */
    int[] gather(ItemVectors from, int[] positions, int j) {
        ItemVectors to = buffer(j);
        int[] gathered = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            from.copyRow(positions[i], to, i);
            gathered[i] = i;
        }
        return gathered;
    }
}
