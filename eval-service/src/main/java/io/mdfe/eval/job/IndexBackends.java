package io.mdfe.eval.job;

import io.mdfe.core.index.IndexFactory;

/**
 * Where a job's indexes are built and searched: the seam between a job and the index backends. The service
 * runs checkpoint (val) and API jobs on the in-process backends and final (test) jobs through the
 * index-service.
 */
@FunctionalInterface
public interface IndexBackends {

    /**
     * {@return the factory of the indexes of {@code job}, for the backend its spec names}
     *
     * @param job the job about to run
     * @throws IllegalArgumentException for a backend this seam does not have
     */
    IndexFactory factory(EvaluationJob job);
}
