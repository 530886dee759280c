/**
 * The data-service's view of dataset directories: {@link io.mdfe.data.dataset.DatasetReader}, the one adapter
 * to the readers, and the plain values it returns. Readers of CSV training sets ({@code <name>_train.csv})
 * and UnED ({@code info_files/<domain>/train.json}) live in {@code mdfe-core}; until they land the
 * {@code interim} sub-package stands in for them.
 */
package io.mdfe.data.dataset;
