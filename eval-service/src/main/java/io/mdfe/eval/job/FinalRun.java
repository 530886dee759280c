package io.mdfe.eval.job;

import java.nio.file.Path;

/**
 * What the TrainingFinished event told of a run, kept with its final evaluation for the run report.
 *
 * @param runDir the run folder (the report goes to {@code runDir/report/})
 * @param steps optimizer steps of the run
 * @param finalLoss the training loss at its last step
 * @param dataset the dataset it trained on, {@code id@version}; empty when unknown
 */
public record FinalRun(Path runDir, long steps, double finalLoss, String dataset) {
}
