/**
 * Exact (brute-force) nearest-neighbour search, the reference every approximate backend is measured
 * against, fast enough for the full merged UnED test evaluation.
 *
 * <p>Two stages. A blocked float32 kernel ({@link io.mdfe.core.index.exact.ScoreKernel}) streams the
 * index in cache-sized panel groups past a block of queries and keeps, per query, a small bounded
 * heap of candidates ({@link io.mdfe.core.index.exact.TopCandidates}); no query x index score matrix
 * is ever held. The float32 scores have a rigorous rounding bound, so every item that could be among
 * the true top k is a candidate; candidates are then re-scored in double precision and ranked with
 * ties by id. The result equals a double-precision brute force, whatever the kernel's summation order.
 */
package io.mdfe.core.index.exact;
