/**
 * Temporary readers for CSV and UnED training sets, used by {@link io.mdfe.data.dataset.DatasetReader} until
 * {@code io.mdfe.core.data.dataset} lands; the whole package is deleted on that switch.
 */
package io.mdfe.data.dataset.interim;
