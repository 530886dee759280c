package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Builds one random-projection tree as annoylib's {@code _make_tree} does: a set of at most
 * {@code K} items becomes a leaf listing them; a larger set is split by a two-means hyperplane
 * (random sides on a zero margin, all-random sides when the plane separates nothing), the smaller
 * side is built first, and the split node is written after its children.
 *
 * <p>Nodes are numbered as if the tree's nodes directly followed the items ({@code items + local});
 * {@link #relocate} shifts them once the sizes of the trees before this one are known, which is what
 * lets trees be built in parallel and still be laid out exactly as a sequential build lays them out.
 */
final class TreeBuilder {

    private final AnnoyDistance distance;
    private final BuildWorkspace work;
    private final float[] extras;
    private final Kiss64Random random;
    private final int itemCount;
    private ByteBuffer nodes;
    private int count;

    /** A tree over the items of {@code work}, which it uses while {@link #build} runs. */
    TreeBuilder(AnnoyDistance distance, BuildWorkspace work, float[] extras, Kiss64Random random) {
        this.distance = distance;
        this.work = work;
        this.extras = extras;
        this.random = random;
        this.itemCount = work.items().count();
        this.nodes = ByteBuffer.allocate(64 * distance.nodeBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Builds the tree over all items; returns its root's provisional node id. */
    int build() {
        int[] all = new int[itemCount];
        for (int i = 0; i < itemCount; i++) {
            all[i] = i;
        }
        return makeTree(all, work.items(), all, -1, true);
    }

    /** Nodes written so far. */
    int count() {
        return count;
    }

    /**
     * A node over the items {@code indices}, whose vectors are the rows {@code positions} of
     * {@code rows}, a buffer of the workspace's {@code level} (-1: the items themselves).
     */
    private int makeTree(int[] indices, ItemVectors rows, int[] positions, int level, boolean isRoot) {
        int k = distance.maxLeafItems;
        if (indices.length == 1 && !isRoot) {
            return indices[0];
        }
        // annoylib marks a root by n_descendants == n_items whatever it holds
        int descendants = isRoot ? itemCount : indices.length;
        if (indices.length <= k && (!isRoot || itemCount <= k || indices.length == 1)) {
            int at = allocate();
            distance.writeLeaf(nodes, at, descendants, indices);
            return itemCount + count - 1;
        }
        int n = indices.length;
        int fits = work.level(n);
        if (fits >= 0 && fits != level && !isRoot) {
            positions = work.gather(rows, positions, fits);
            rows = work.buffer(fits);
            level = fits;
        }
        float[] split = new float[distance.dim];
        float extra = distance.createSplit(rows, positions, extras, indices, random, split);
        float[] dots = work.dots;
        distance.dots(split, rows, positions, dots);
        int zeros = partition(indices, i -> AnnoyDistance.side(distance.margin(dots[i], extra), random));
        while (zeros == 0 || zeros == n) {
            // no separating plane: a zero plane (the offset stays, as in annoylib) and random sides
            Arrays.fill(split, 0f);
            zeros = partition(indices, i -> random.flip());
        }
        int[][] children = {new int[zeros], new int[n - zeros]};
        int[][] childPositions = {new int[zeros], new int[n - zeros]};
        split(zeros, indices, positions, children, childPositions);
        int flip = children[0].length > children[1].length ? 1 : 0;
        int[] ids = new int[2];
        for (int side = 0; side < 2; side++) {
            int c = side ^ flip;
            ids[c] = makeTree(children[c], rows, childPositions[c], level, false);
        }
        int at = allocate();
        distance.writeSplit(nodes, at, descendants, ids[0], ids[1], split, extra);
        return itemCount + count - 1;
    }

    /**
     * Puts the node-local numbers of the items of side 0 at the front of the workspace's
     * {@code parted} and those of side 1 at its back, reversed (no branch on the side, which is a
     * coin toss to the predictor); returns side 0's count. Sides are asked for in item order, as
     * annoylib draws the random ones.
     */
    private int partition(int[] indices, IntUnaryOperator sideOf) {
        int[] parted = work.parted;
        int front = 0;
        int back = indices.length;
        for (int i = 0; i < indices.length; i++) {
            int side = sideOf.applyAsInt(i);
            back -= side;
            parted[side == 0 ? front : back] = i;
            front += 1 - side;
        }
        return front;
    }

    /** The children's item ids and row positions, each side in item order (annoylib's two lists). */
    private void split(int zeros, int[] indices, int[] positions, int[][] children, int[][] childPositions) {
        int[] parted = work.parted;
        int n = indices.length;
        for (int i = 0; i < zeros; i++) {
            children[0][i] = indices[parted[i]];
            childPositions[0][i] = positions[parted[i]];
        }
        for (int i = 0; i < n - zeros; i++) {
            children[1][i] = indices[parted[n - 1 - i]];
            childPositions[1][i] = positions[parted[n - 1 - i]];
        }
    }

    /** Appends a zeroed node; returns its byte offset. */
    private int allocate() {
        int s = distance.nodeBytes;
        if ((count + 1) * s > nodes.capacity()) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max((count + 1) * s, nodes.capacity() * 2))
                    .order(ByteOrder.LITTLE_ENDIAN);
            grown.put(0, nodes, 0, count * s);
            nodes = grown;
        }
        return count++ * s;
    }

    /**
     * Copies this tree's nodes into {@code store} from node {@code first} on, adding
     * {@code first - items} to every reference to another of its nodes (split children {@code >= items}).
     */
    void relocate(NodeStore store, int first) {
        int s = distance.nodeBytes;
        int shift = first - itemCount;
        for (int local = 0; local < count; local++) {
            int at = local * s;
            if (nodes.getInt(at) > distance.maxLeafItems) {
                for (int c = 0; c < 2; c++) {
                    int field = at + distance.childrenOffset + 4 * c;
                    int child = nodes.getInt(field);
                    if (child >= itemCount) {
                        nodes.putInt(field, child + shift);
                    }
                }
            }
            store.putNode(first + local, nodes, at);
        }
    }

    /** Releases the local buffer once relocated. */
    void release() {
        nodes = null;
    }
}
