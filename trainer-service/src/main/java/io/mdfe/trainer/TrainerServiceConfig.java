package io.mdfe.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The trainer-service's own settings, under {@code mdfe.trainer}.
 *
 * <pre>
 * mdfe.trainer.state-dir=/var/lib/mdfe/trainer-service
 * mdfe.trainer.runs-dir=/var/lib/mdfe/runs
 * mdfe.trainer.allowed-data-root=/data
 * mdfe.trainer.recipes-dir=/etc/mdfe/recipes
 * mdfe.trainer.max-concurrent-runs=1
 * mdfe.trainer.max-restarts=2
 * mdfe.trainer.worker.jvm-options=-Xmx4g
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.trainer")
public interface TrainerServiceConfig {

    /**
     * Where the run registry, the recipes and the known datasets are persisted.
     *
     * @return the state directory, created when missing
     */
    Path stateDir();

    /**
     * Where run folders (config, log, checkpoints, plots) are created, one per run.
     *
     * @return the runs directory, created when missing
     */
    Path runsDir();

    /**
     * The only directory tree runs may read training data from; symbolic links and {@code ..} are resolved
     * before the check.
     *
     * @return the allowed data root
     */
    Path allowedDataRoot();

    /**
     * A directory of recipe files ({@code <name>.json}, see {@link io.mdfe.trainer.recipe.RecipeFiles}) registered
     * at startup; the Helm chart mounts its {@code services.trainer.recipes} here.
     *
     * @return the directory, if any
     */
    Optional<Path> recipesDir();

    /**
     * How many workers train at the same time; further runs wait in a queue.
     *
     * @return at least 1
     */
    @WithDefault("1")
    int maxConcurrentRuns();

    /**
     * How often a run's worker may die (crash, kill, service death) and be resumed from its last checkpoint
     * before the run is marked failed.
     *
     * @return restarts per run
     */
    @WithDefault("2")
    int maxRestarts();

    /** @return how worker processes are started */
    Worker worker();

    /** The worker JVM of each run ({@link io.mdfe.trainer.worker.TrainingWorker}). */
    interface Worker {

        /**
         * The {@code java} executable; default: the one running the service.
         *
         * @return the path of the executable
         */
        Optional<String> java();

        /**
         * Options for the worker JVM, e.g. {@code -Xmx4g}.
         *
         * @return JVM options, none by default
         */
        Optional<List<String>> jvmOptions();

        /**
         * The worker's class path; default: derived from the service's own (the jars of a packaged
         * application, or the test class path).
         *
         * @return a class path in the platform's syntax
         */
        Optional<String> classpath();
    }
}
