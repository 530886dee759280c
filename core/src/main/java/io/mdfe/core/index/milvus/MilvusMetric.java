package io.mdfe.core.index.milvus;

import io.mdfe.core.index.Metric;
import io.milvus.v2.common.IndexParam.MetricType;

/**
 * How each {@link Metric} is asked of Milvus and how Milvus's score becomes the metric's distance.
 *
 * <ul>
 *   <li>{@code euclidean}: Milvus {@code L2}, which returns the <em>squared</em> L2 distance (Milvus
 *       documentation, "Metric Types": it skips the square root); the distance is its square root.</li>
 *   <li>{@code angular}: Milvus {@code IP} on vectors this backend has L2-normalised, so the score is
 *       cos; the distance is sqrt(2 - 2 cos).</li>
 *   <li>{@code dot}: Milvus {@code IP}; the distance is the inner product itself, larger first.</li>
 * </ul>
 */
enum MilvusMetric {
    /** L2, squared by Milvus. */
    EUCLIDEAN(MetricType.L2),
    /** IP of unit vectors. */
    ANGULAR(MetricType.IP),
    /** IP. */
    DOT(MetricType.IP);

    private final MetricType sdkType;

    MilvusMetric(MetricType sdkType) {
        this.sdkType = sdkType;
    }

    /** The Milvus metric standing for {@code metric}. */
    static MilvusMetric of(Metric metric) {
        return valueOf(metric.name());
    }

    /** The SDK's metric type. */
    MetricType sdkType() {
        return sdkType;
    }

    /** True when a larger distance is a better neighbour. */
    boolean largerFirst() {
        return this == DOT;
    }

    /** The {@link Metric}'s distance for a Milvus score. */
    float distance(float score) {
        return switch (this) {
            case EUCLIDEAN -> (float) Math.sqrt(Math.max(0f, score));
            case ANGULAR -> (float) Math.sqrt(Math.max(0f, 2f - 2f * score));
            case DOT -> score;
        };
    }
}
