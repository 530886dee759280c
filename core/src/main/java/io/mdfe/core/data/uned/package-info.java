/**
 * UnED (Universal Embedding Dataset) and any folder in its layout: the eight domains and their
 * query/index protocol as one table ({@link io.mdfe.core.data.uned.UnedDomains}), every other folder
 * under {@code info_files/} a domain whose protocol follows from its files or {@code domains.yaml}
 * ({@code DomainCatalog}), the {@code info_files/<domain>/<split>.json}
 * reader ({@link io.mdfe.core.data.uned.UnedDataset}), the retrieval tasks of the val and test
 * benchmarks ({@link io.mdfe.core.data.uned.EvaluationSet}) and each domain's train split as a
 * training source ({@link io.mdfe.core.data.uned.UnedTrainSource}).
 *
 * <p>Uses {@code io.mdfe.core.data.dataset} for its error type, path checks, label remapping and
 * fingerprints; {@code TrainingSet} in turn resolves the {@code uned} dataset names here.
 */
package io.mdfe.core.data.uned;
