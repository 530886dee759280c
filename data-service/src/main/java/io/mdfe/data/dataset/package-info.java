/**
 * The data-service's view of dataset directories: {@link io.mdfe.data.dataset.DatasetReader}, the one adapter
 * to the readers of {@code mdfe-core} (CSV training sets {@code <name>_train.csv} and UnED
 * {@code info_files/<domain>/train.json}), and the plain values it returns.
 */
package io.mdfe.data.dataset;
