package io.mdfe.eval.job;

/** Told by an {@link EvaluationRunner} what its job is doing; called from the worker thread. */
public interface ProgressListener {

    /**
     * The job entered {@code phase}.
     *
     * @param phase the new phase
     */
    void phase(JobPhase phase);

    /**
     * Images embedded so far.
     *
     * @param done images embedded
     * @param total images the evaluation set needs
     */
    void embedded(long done, long total);
}
