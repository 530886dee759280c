package io.mdfe.core.index;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What building an index took and, for approximate indexes, how good it is: recall@1 and recall@5
 * against exact search on a sample of the indexed vectors used as queries.
 *
 * @param vectors vectors indexed
 * @param buildTime wall time of the build
 * @param recallAt1 share of sample queries whose exact nearest neighbour is the index's first; empty for exact indexes
 * @param recallAt5 share of the exact top-5 found in the index's top-5; empty for exact indexes
 * @param sampleQueries queries in the recall sample (0 for exact indexes)
 * @param bytes size of the index in memory or on disk
 */
public record BuildReport(long vectors, Duration buildTime, OptionalDouble recallAt1, OptionalDouble recallAt5,
                          int sampleQueries, long bytes) {
}
