/** The run report, written into the run folder after a run's final evaluation. */
package io.mdfe.eval.report;
