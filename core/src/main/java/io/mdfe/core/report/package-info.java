/**
 * The run report: one HTML page (plots as PNG, tables) plus a CSV, assembled from what a training run
 * announced (its checkpoints, their val evaluations, the final test evaluation) and its training curve.
 */
package io.mdfe.core.report;
