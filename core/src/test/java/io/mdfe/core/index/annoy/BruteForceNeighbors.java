package io.mdfe.core.index.annoy;

import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import java.util.Arrays;

/**
 * Exact k-NN by scanning every vector, with the textbook formulas (in double) rather than Annoy's
 * arithmetic: the independent reference for Annoy's recall until the shared exact index serves as
 * one. Rows of {@code vectors} are compared as given; ties are ordered by id.
 */
public final class BruteForceNeighbors implements NeighborSearch {

    private final float[][] vectors;
    private final Metric metric;
    private final int threads;

    /**
     * @param vectors indexed vectors (not copied), id = row
     * @param metric the distance; angular is 1 - cos here, which ranks as sqrt(2 - 2cos) does
     * @param threads threads that split the queries
     */
    public BruteForceNeighbors(float[][] vectors, Metric metric, int threads) {
        this.vectors = vectors;
        this.metric = metric;
        this.threads = threads;
    }

    @Override
    public Neighbors search(float[] queries, int count, int k) {
        int dim = vectors.length == 0 ? 0 : vectors[0].length;
        int[] ids = new int[count * k];
        float[] dists = new float[count * k];
        Arrays.fill(ids, -1);
        Arrays.fill(dists, Float.NaN);
        double[] norms = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            norms[i] = Math.sqrt(dot(vectors[i], vectors[i]));
        }
        Workers.run(threads, count, () -> q -> {
            float[] query = Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
            double qNorm = Math.sqrt(dot(query, query));
            double[] best = new double[k];
            int[] bestId = new int[k];
            int size = 0;
            for (int i = 0; i < vectors.length; i++) {
                double d = distance(query, qNorm, vectors[i], norms[i]);
                if (size == k && !(d < best[k - 1] || (d == best[k - 1] && i < bestId[k - 1]))) {
                    continue;
                }
                int at = size < k ? size++ : k - 1;
                while (at > 0 && (best[at - 1] > d)) {
                    best[at] = best[at - 1];
                    bestId[at] = bestId[at - 1];
                    at--;
                }
                best[at] = d;
                bestId[at] = i;
            }
            for (int r = 0; r < size; r++) {
                ids[q * k + r] = bestId[r];
                dists[q * k + r] = (float) reported(best[r]);
            }
        });
        return new Neighbors(count, k, ids, dists);
    }

    private double distance(float[] q, double qNorm, float[] v, double vNorm) {
        return switch (metric) {
            case EUCLIDEAN -> {
                double s = 0;
                for (int z = 0; z < q.length; z++) {
                    double t = q[z] - v[z];
                    s += t * t;
                }
                yield s;
            }
            case ANGULAR -> qNorm > 0 && vNorm > 0 ? 1 - dot(q, v) / (qNorm * vNorm) : 1;
            case DOT -> -dot(q, v);
        };
    }

    private double reported(double d) {
        return switch (metric) {
            case EUCLIDEAN -> Math.sqrt(d);
            case ANGULAR -> Math.sqrt(Math.max(0, 2 * d));
            case DOT -> -d;
        };
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int z = 0; z < a.length; z++) {
            s += (double) a[z] * b[z];
        }
        return s;
    }
}
