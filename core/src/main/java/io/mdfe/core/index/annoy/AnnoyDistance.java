package io.mdfe.core.index.annoy;

import io.mdfe.core.index.Metric;
import java.nio.ByteBuffer;

/**
 * One of annoylib.h's distance structs ({@code Euclidean}, {@code Angular}, {@code DotProduct}):
 * its node layout and its arithmetic, ported operation by operation in float (double where
 * annoylib promotes). Every {@code dot} and {@code euclidean_distance} of a build and of a search
 * sums in one {@link AnnoyParams.SumOrder}: {@link ScalarSums} (annoylib's portable loops, so a tree
 * built here is the tree annoylib {@code -O2} builds from the same numbers) or {@link Avx512Sums}
 * (its AVX-512 kernels, as in Python's wheel built with {@code -march=native}).
 *
 * <p>Node layout (little-endian, {@code s} bytes each): {@code int32 n_descendants} at 0, then a
 * metric-specific header, then {@code float v[dim]}. A node is an item ({@code n_descendants == 1}),
 * a leaf listing up to {@code K} item ids in place of its header and vector, or a split with two
 * children and a hyperplane. During a build a node is a {@code float[] v} (an item: a row of
 * {@link ItemVectors}) plus one float, {@code extra}: Angular's cached squared norm, Euclidean's
 * plane offset {@code a}, or DotProduct's {@code dot_factor}.
 */
abstract sealed class AnnoyDistance permits AnnoyDistance.Euclidean, AnnoyDistance.Angular, AnnoyDistance.DotProduct {

    /** annoylib's {@code two_means} iteration count. */
    static final int TWO_MEANS_STEPS = 200;

    final int dim;
    /** Sum in {@link ScalarSums}', {@link AvxSums}' or {@link Avx512Sums}' order. */
    private final AnnoyParams.SumOrder order;
    /** {@code _s = offsetof(Node, v) + dim * sizeof(float)}. */
    final int nodeBytes;
    final int childrenOffset;
    final int extraOffset;
    final int vectorOffset;
    /** {@code _K}: the most item ids that fit from the children field to the end of a node. */
    final int maxLeafItems;

    private AnnoyDistance(int dim, AnnoyParams.SumOrder order, int childrenOffset, int extraOffset, int vectorOffset) {
        this.dim = dim;
        this.order = order;
        this.childrenOffset = childrenOffset;
        this.extraOffset = extraOffset;
        this.vectorOffset = vectorOffset;
        this.nodeBytes = vectorOffset + 4 * dim;
        this.maxLeafItems = (nodeBytes - childrenOffset) / 4;
    }

    /** {@code metric}'s struct for {@code dim}-d vectors, summing in {@code order}. */
    static AnnoyDistance of(Metric metric, int dim, AnnoyParams.SumOrder order) {
        return switch (metric) {
            case EUCLIDEAN -> new Euclidean(dim, order);
            case ANGULAR -> new Angular(dim, order);
            case DOT -> new DotProduct(dim, order);
        };
    }

    /** For messages: {@code angular, 64-d (268-byte nodes)}. */
    String describe() {
        return name() + ", " + dim + "-d (" + nodeBytes + "-byte nodes)";
    }

    abstract String name();

    // ---- build side: nodes as float[] v + extra ----

    /**
     * {@code D::distance(p, item)} and {@code D::distance(q, item)} as annoylib computes them (not yet
     * {@link #normalizedDistance}) into {@code out[0..1]}: two-means' two centroids, the item read once.
     */
    abstract void distances(float[] p, float pExtra, float[] q, float qExtra, ItemVectors items, int item,
                            float itemExtra, float[] out);

    /** {@code D::init_node}: the extra after {@code v} changed. */
    abstract float initExtra(float[] v, float extra);

    /** {@code D::normalize} as used by {@code two_means}; returns the new extra. */
    float normalize(float[] v, float extra) {
        normalizeVector(v);
        return extra;
    }

    /** {@code D::preprocess} over all items before the trees are built. */
    void preprocess(ItemVectors items, float[] extras) {
    }

    /**
     * {@code D::create_split} of the items {@code indices}, whose vectors are the rows {@code positions}
     * of {@code rows}: the hyperplane into {@code split}; returns its extra.
     */
    abstract float createSplit(ItemVectors rows, int[] positions, float[] extras, int[] indices, Kiss64Random random,
                               float[] split);

    /** {@code D::margin} of a plane with extra {@code planeExtra} given its dot product with the vector. */
    abstract float margin(float dot, float planeExtra);

    /**
     * {@code dot(split, row)} of every row {@code positions[i]} into {@code dots[i]} ({@link #margin}
     * makes them margins); four at a time, so that their memory reads overlap (each sum is still
     * {@link #dot}'s).
     */
    final void dots(float[] split, ItemVectors items, int[] positions, float[] dots) {
        int i = 0;
        for (; i + 4 <= positions.length; i += 4) {
            int j0 = positions[i];
            int j1 = positions[i + 1];
            int j2 = positions[i + 2];
            int j3 = positions[i + 3];
            float[] c0 = items.chunk(j0);
            float[] c1 = items.chunk(j1);
            float[] c2 = items.chunk(j2);
            float[] c3 = items.chunk(j3);
            int a0 = items.offset(j0);
            int a1 = items.offset(j1);
            int a2 = items.offset(j2);
            int a3 = items.offset(j3);
            switch (order) {
                case AVX512 -> Avx512Sums.dot4(split, c0, a0, c1, a1, c2, a2, c3, a3, dim, dots, i);
                case AVX -> AvxSums.dot4(split, c0, a0, c1, a1, c2, a2, c3, a3, dim, dots, i);
                case SCALAR -> ScalarSums.dot4(split, c0, a0, c1, a1, c2, a2, c3, a3, dim, dots, i);
            }
        }
        for (; i < positions.length; i++) {
            dots[i] = dot(split, items, positions[i]);
        }
    }

    /** {@code D::side}: which child an item with this margin goes to; a zero margin is a coin flip. */
    static int side(float margin, Kiss64Random random) {
        return margin != 0 ? (margin > 0 ? 1 : 0) : random.flip();
    }

    /**
     * annoylib's {@code two_means} of the items {@code indices}, whose vectors are the rows
     * {@code positions} of {@code rows}: two centroids seeded from two distinct random items, moved toward
     * {@value #TWO_MEANS_STEPS} random items, each weighted by how many it has absorbed.
     */
    final void twoMeans(ItemVectors rows, int[] positions, float[] extras, int[] indices, Kiss64Random random,
                        boolean cosine, float[] p, float[] q, float[] pqExtra) {
        int count = indices.length;
        int i = random.index(count);
        int j = random.index(count - 1);
        j += j >= i ? 1 : 0;
        rows.copyRow(positions[i], p, 0);
        rows.copyRow(positions[j], q, 0);
        float pe = copiedExtra(extras[indices[i]]);
        float qe = copiedExtra(extras[indices[j]]);
        if (cosine) {
            pe = normalize(p, pe);
            qe = normalize(q, qe);
        }
        pe = initExtra(p, pe);
        qe = initExtra(q, qe);
        int ic = 1;
        int jc = 1;
        float[] pq = new float[2];
        for (int l = 0; l < TWO_MEANS_STEPS; l++) {
            int r = random.index(count);
            int row = positions[r];
            float[] v = rows.chunk(row);
            int at = rows.offset(row);
            distances(p, pe, q, qe, rows, row, extras[indices[r]], pq);
            float di = ic * pq[0];
            float dj = jc * pq[1];
            float norm = cosine ? (float) Math.sqrt(dot(v, at, v, at)) : 1;
            if (!(norm > 0)) {
                continue;
            }
            if (di < dj) {
                moveToward(p, ic, v, at, norm);
                pe = initExtra(p, pe);
                ic++;
            } else if (dj < di) {
                moveToward(q, jc, v, at, norm);
                qe = initExtra(q, qe);
                jc++;
            }
        }
        pqExtra[0] = pe;
        pqExtra[1] = qe;
    }

    /** {@code c = (c * n + v / norm) / (n + 1)}: a centroid of {@code n} items absorbs one more. */
    private void moveToward(float[] c, int n, float[] v, int at, float norm) {
        if (order == AnnoyParams.SumOrder.AVX512) {
            Avx512Sums.moveToward(c, n, v, at, norm);
            return;
        }
        if (order == AnnoyParams.SumOrder.AVX) {
            AvxSums.moveToward(c, n, v, at, norm);
            return;
        }
        for (int z = 0; z < dim; z++) {
            c[z] = (c[z] * n + v[at + z] / norm) / (n + 1);
        }
    }

    /** What {@code D::copy_node} carries over besides the vector (only DotProduct copies its factor). */
    float copiedExtra(float itemExtra) {
        return 0;
    }

    // ---- node bytes ----

    /** The extra an added item carries ({@code zero_value} then {@code init_node}). */
    abstract float itemExtra(ItemVectors items, int item);

    /** Item node {@code item}: {@code n_descendants = 1}, zero children, its extra, its vector. */
    final void writeItem(NodeStore store, ItemVectors items, int item, float extra) {
        ByteBuffer b = store.segment(item);
        int at = store.offset(item);
        b.putInt(at, 1);
        b.putFloat(at + extraOffset, extra);
        putVector(b, at, items.chunk(item), items.offset(item));
    }

    /** A split node; the extra goes first because Angular's norm shares its bytes with children[0]. */
    final void writeSplit(ByteBuffer b, int at, int descendants, int child0, int child1, float[] v, float extra) {
        b.putInt(at, descendants);
        b.putFloat(at + extraOffset, extra);
        b.putInt(at + childrenOffset, child0);
        b.putInt(at + childrenOffset + 4, child1);
        putVector(b, at, v, 0);
    }

    /** A leaf node listing item ids where the children are; the rest of the (zeroed) node stays zero. */
    final void writeLeaf(ByteBuffer b, int at, int descendants, int[] items) {
        b.putInt(at, descendants);
        for (int i = 0; i < items.length; i++) {
            b.putInt(at + childrenOffset + 4 * i, items[i]);
        }
    }

    /** The {@code dim} floats from {@code v[from]} as the vector of the node at byte {@code at}. */
    private void putVector(ByteBuffer b, int at, float[] v, int from) {
        for (int z = 0; z < dim; z++) {
            b.putFloat(at + vectorOffset + 4 * z, v[from + z]);
        }
    }

    // ---- search side: nodes read from a NodeStore ----

    /** {@code D::init_node} of the query node (after {@code zero_value}). */
    abstract float queryExtra(float[] q);

    /** {@code D::margin(node, q)} of a stored split node. */
    final float margin(NodeStore store, int node, float[] q) {
        return margin(dot(store, node, q), store.getFloat(node, extraOffset));
    }

    /** {@code D::distance(query, item)} to the stored items {@code items[0..count)}, into {@code out[0..count)}. */
    abstract void distances(float[] q, float qExtra, NodeStore store, int[] items, int count, float[] out);

    /** {@code D::normalized_distance}: the value reported to callers; the square root for Euclidean and Angular. */
    float normalizedDistance(float distance) {
        return (float) Math.sqrt(Math.max(distance, 0f));
    }

    /** {@code D::pq_distance} (Minkowski and Angular agree): the priority of child {@code child}. */
    static float pqDistance(float distance, float margin, int child) {
        return Math.min(distance, child == 0 ? -margin : margin);
    }

    // ---- shared arithmetic, in this distance's summation order ----

    /** annoylib's {@code dot(x, y)} of the {@code dim} floats from {@code x[xAt]} and {@code y[yAt]}. */
    final float dot(float[] x, int xAt, float[] y, int yAt) {
        return switch (order) {
            case AVX512 -> Avx512Sums.dot(x, xAt, y, yAt, dim);
            case AVX -> AvxSums.dot(x, xAt, y, yAt, dim);
            case SCALAR -> ScalarSums.dot(x, xAt, y, yAt, dim);
        };
    }

    /** annoylib's {@code dot(x, y)} of two vectors. */
    final float dot(float[] x, float[] y) {
        return dot(x, 0, y, 0);
    }

    /** annoylib's {@code dot(x, item)}. */
    final float dot(float[] x, ItemVectors items, int item) {
        return dot(x, 0, items.chunk(item), items.offset(item));
    }

    /** annoylib's {@code dot(item, item)}. */
    final float dot(ItemVectors items, int item) {
        float[] v = items.chunk(item);
        int at = items.offset(item);
        return dot(v, at, v, at);
    }

    /** annoylib's {@code dot(p, item)} and {@code dot(q, item)} into {@code out[0..1]}. */
    final void dots(float[] p, float[] q, ItemVectors items, int item, float[] out) {
        float[] y = items.chunk(item);
        int at = items.offset(item);
        switch (order) {
            case AVX512 -> Avx512Sums.dot2(p, q, y, at, dim, out);
            case AVX -> AvxSums.dot2(p, q, y, at, dim, out);
            case SCALAR -> ScalarSums.dot2(p, q, y, at, dim, out);
        }
    }

    /** annoylib's {@code euclidean_distance(p, item)} and {@code (q, item)} into {@code out[0..1]}. */
    final void squaredDistances(float[] p, float[] q, ItemVectors items, int item, float[] out) {
        float[] y = items.chunk(item);
        int at = items.offset(item);
        switch (order) {
            case AVX512 -> Avx512Sums.squaredDistance2(p, q, y, at, dim, out);
            case AVX -> AvxSums.squaredDistance2(p, q, y, at, dim, out);
            case SCALAR -> ScalarSums.squaredDistance2(p, q, y, at, dim, out);
        }
    }

    /** annoylib's {@code dot(node.v, q)} of a stored node. */
    final float dot(NodeStore store, int node, float[] q) {
        ByteBuffer b = store.segment(node);
        int at = store.offset(node) + vectorOffset;
        return switch (order) {
            case AVX512 -> Avx512Sums.dot(b, at, q);
            case AVX -> AvxSums.dot(b, at, q);
            case SCALAR -> ScalarSums.dot(b, at, q);
        };
    }

    /**
     * annoylib's {@code dot(node.v, q)} ({@code squared == false}) or {@code euclidean_distance(q, node.v)}
     * of the stored nodes {@code nodes[0..count)} into {@code out[0..count)}, four at a time so that
     * their memory reads overlap.
     */
    final void nodeSums(boolean squared, float[] q, NodeStore store, int[] nodes, int count, float[] out) {
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int n0 = nodes[i];
            int n1 = nodes[i + 1];
            int n2 = nodes[i + 2];
            int n3 = nodes[i + 3];
            ByteBuffer b0 = store.segment(n0);
            ByteBuffer b1 = store.segment(n1);
            ByteBuffer b2 = store.segment(n2);
            ByteBuffer b3 = store.segment(n3);
            int at0 = store.offset(n0) + vectorOffset;
            int at1 = store.offset(n1) + vectorOffset;
            int at2 = store.offset(n2) + vectorOffset;
            int at3 = store.offset(n3) + vectorOffset;
            switch (order) {
                case AVX512 -> Avx512Sums.nodes4(squared, q, b0, at0, b1, at1, b2, at2, b3, at3, out, i);
                case AVX -> AvxSums.nodes4(squared, q, b0, at0, b1, at1, b2, at2, b3, at3, out, i);
                case SCALAR -> ScalarSums.nodes4(squared, q, b0, at0, b1, at1, b2, at2, b3, at3, out, i);
            }
        }
        for (; i < count; i++) {
            out[i] = squared ? squaredDistance(store, nodes[i], q) : dot(store, nodes[i], q);
        }
    }

    /** annoylib's {@code euclidean_distance(q, node.v)} of a stored node. */
    final float squaredDistance(NodeStore store, int node, float[] q) {
        ByteBuffer b = store.segment(node);
        int at = store.offset(node) + vectorOffset;
        return switch (order) {
            case AVX512 -> Avx512Sums.squaredDistance(b, at, q);
            case AVX -> AvxSums.squaredDistance(b, at, q);
            case SCALAR -> ScalarSums.squaredDistance(b, at, q);
        };
    }

    /** {@code Base::normalize}: divide by the L2 norm when it is positive. */
    final void normalizeVector(float[] v) {
        float norm = (float) Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int z = 0; z < v.length; z++) {
                v[z] /= norm;
            }
        }
    }

    /** Split plane {@code p - q}, normalised ({@code create_split}'s common first step). */
    static void difference(float[] p, float[] q, float[] split) {
        for (int z = 0; z < split.length; z++) {
            split[z] = p[z] - q[z];
        }
    }

    /** annoylib's {@code Euclidean}: L2 with a plane offset {@code a} in the header. */
    static final class Euclidean extends AnnoyDistance {
        // int32 n_descendants; float a; int32 children[2]; float v[]
        Euclidean(int dim, AnnoyParams.SumOrder order) {
            super(dim, order, 8, 4, 16);
        }

        @Override
        String name() {
            return "euclidean";
        }

        @Override
        void distances(float[] p, float pExtra, float[] q, float qExtra, ItemVectors items, int item,
                       float itemExtra, float[] out) {
            squaredDistances(p, q, items, item, out);
        }

        @Override
        float initExtra(float[] v, float extra) {
            return extra;
        }

        @Override
        float createSplit(ItemVectors rows, int[] positions, float[] extras, int[] indices, Kiss64Random random,
                          float[] split) {
            float[] p = new float[dim];
            float[] q = new float[dim];
            twoMeans(rows, positions, extras, indices, random, false, p, q, new float[2]);
            difference(p, q, split);
            normalizeVector(split);
            float a = 0;
            for (int z = 0; z < dim; z++) {
                a += -split[z] * (p[z] + q[z]) / 2;
            }
            return a;
        }

        @Override
        float margin(float dot, float a) {
            return a + dot;
        }

        @Override
        float itemExtra(ItemVectors items, int item) {
            return 0;
        }

        @Override
        float queryExtra(float[] q) {
            return 0;
        }

        @Override
        void distances(float[] q, float qExtra, NodeStore store, int[] items, int count, float[] out) {
            nodeSums(true, q, store, items, count, out);
        }
    }

    /** annoylib's {@code Angular}: 2 - 2 cos, with the squared norm cached where children[0] is. */
    static final class Angular extends AnnoyDistance {
        // int32 n_descendants; union { int32 children[2]; float norm; }; float v[]
        Angular(int dim, AnnoyParams.SumOrder order) {
            super(dim, order, 4, 4, 12);
        }

        @Override
        String name() {
            return "angular";
        }

        /** Double where annoylib writes {@code 2.0}; {@code sqrt} of a float is float there. */
        static float cosineDistance(float pp, float qq, float pq) {
            float ppqq = pp * qq;
            if (ppqq > 0) {
                return (float) (2.0 - 2.0 * pq / (float) Math.sqrt(ppqq));
            }
            return 2.0f;
        }

        @Override
        void distances(float[] p, float pExtra, float[] q, float qExtra, ItemVectors items, int item,
                       float itemExtra, float[] out) {
            // a zero cached norm is recomputed, as annoylib does for old files
            float pp = pExtra != 0 ? pExtra : dot(p, p);
            float qq = qExtra != 0 ? qExtra : dot(q, q);
            float ii = itemExtra != 0 ? itemExtra : dot(items, item);
            dots(p, q, items, item, out);
            out[0] = cosineDistance(pp, ii, out[0]);
            out[1] = cosineDistance(qq, ii, out[1]);
        }

        @Override
        float initExtra(float[] v, float extra) {
            return dot(v, v);
        }

        @Override
        float createSplit(ItemVectors rows, int[] positions, float[] extras, int[] indices, Kiss64Random random,
                          float[] split) {
            float[] p = new float[dim];
            float[] q = new float[dim];
            twoMeans(rows, positions, extras, indices, random, true, p, q, new float[2]);
            difference(p, q, split);
            normalizeVector(split);
            return 0;
        }

        @Override
        float margin(float dot, float planeExtra) {
            return dot;
        }

        @Override
        float itemExtra(ItemVectors items, int item) {
            return dot(items, item);
        }

        @Override
        float queryExtra(float[] q) {
            return dot(q, q);
        }

        @Override
        void distances(float[] q, float qExtra, NodeStore store, int[] items, int count, float[] out) {
            nodeSums(false, q, store, items, count, out);
            float pp = qExtra != 0 ? qExtra : dot(q, q);
            for (int i = 0; i < count; i++) {
                int item = items[i];
                float norm = store.getFloat(item, extraOffset);
                float qq = norm != 0 ? norm : dot(store, item, store.vector(item, vectorOffset, dim));
                out[i] = cosineDistance(pp, qq, out[i]);
            }
        }
    }

    /**
     * annoylib's {@code DotProduct}: inner product made angular by an extra coordinate,
     * {@code dot_factor = sqrt(max_norm^2 - |v|^2)} (Bachrach et al. 2014), kept in the header.
     * This annoylib version leaves the factor out of item distances and uses {@code dot_factor^2} of
     * the plane in margins; both are ported as they are.
     */
    static final class DotProduct extends AnnoyDistance {
        // int32 n_descendants; int32 children[2]; float dot_factor; float v[]
        DotProduct(int dim, AnnoyParams.SumOrder order) {
            super(dim, order, 4, 12, 16);
        }

        @Override
        String name() {
            return "dot";
        }

        @Override
        void distances(float[] p, float pExtra, float[] q, float qExtra, ItemVectors items, int item,
                       float itemExtra, float[] out) {
            dots(p, q, items, item, out);
            out[0] = -out[0];
            out[1] = -out[1];
        }

        @Override
        float initExtra(float[] v, float extra) {
            return extra;
        }

        @Override
        float normalize(float[] v, float dotFactor) {
            // pow(float, 2) is double in C++, so the sum and sqrt are double
            float norm = (float) Math.sqrt(dot(v, v) + (double) dotFactor * dotFactor);
            if (norm > 0) {
                for (int z = 0; z < dim; z++) {
                    v[z] /= norm;
                }
                return dotFactor / norm;
            }
            return dotFactor;
        }

        @Override
        float copiedExtra(float itemExtra) {
            return itemExtra;
        }

        @Override
        void preprocess(ItemVectors items, float[] extras) {
            float maxNorm = 0;
            for (int i = 0; i < extras.length; i++) {
                float norm = (float) Math.sqrt(dot(items, i));
                extras[i] = Float.isNaN(norm) ? 0 : norm;
                if (extras[i] > maxNorm) {
                    maxNorm = extras[i];
                }
            }
            for (int i = 0; i < extras.length; i++) {
                float factor = (float) Math.sqrt(maxNorm * maxNorm - extras[i] * extras[i]);
                extras[i] = Float.isNaN(factor) ? 0 : factor;
            }
        }

        @Override
        float createSplit(ItemVectors rows, int[] positions, float[] extras, int[] indices, Kiss64Random random,
                          float[] split) {
            float[] p = new float[dim];
            float[] q = new float[dim];
            float[] pq = new float[2];
            twoMeans(rows, positions, extras, indices, random, true, p, q, pq);
            difference(p, q, split);
            return normalize(split, pq[0] - pq[1]);
        }

        @Override
        float margin(float dot, float dotFactor) {
            return dot + dotFactor * dotFactor;
        }

        @Override
        float itemExtra(ItemVectors items, int item) {
            return 0;
        }

        @Override
        float queryExtra(float[] q) {
            return 0;
        }

        @Override
        void distances(float[] q, float qExtra, NodeStore store, int[] items, int count, float[] out) {
            nodeSums(false, q, store, items, count, out);
            for (int i = 0; i < count; i++) {
                out[i] = -out[i];
            }
        }

        @Override
        float normalizedDistance(float distance) {
            return -distance;
        }
    }
}
