/**
 * Training sets: annotation readers ({@link io.mdfe.core.data.dataset.CsvDataset} for M4D-35k and
 * any CSV set in its format; UnED domains through {@link io.mdfe.core.data.uned.UnedDataset}),
 * their combination into one label space ({@link io.mdfe.core.data.dataset.TrainingSet}) and the
 * class distribution file CLAM needs ({@link io.mdfe.core.data.dataset.ClassDistribution}).
 *
 * <p>Everything here reads annotations only; images are decoded later, by the loader. Bad input
 * raises a {@link io.mdfe.core.data.dataset.DatasetException} whose one-line message names the
 * file and the line or item at fault.
 */
package io.mdfe.core.data.dataset;
