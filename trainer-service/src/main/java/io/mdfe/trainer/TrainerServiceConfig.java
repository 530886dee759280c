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
 * mdfe.trainer.launcher=local
 * mdfe.trainer.kubernetes.image=registry/mdfe/trainer-service:0.1.0
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

    /**
     * Where run workers run: {@code local} child JVMs (the default) or {@code kubernetes} Jobs.
     *
     * @return the launcher
     */
    @WithDefault("local")
    LauncherKind launcher();

    /** The run launchers. */
    enum LauncherKind {
        /** A child JVM per run attempt on this machine. */
        LOCAL,
        /** A batch/v1 Job per run in the service's namespace; the Job retries its pod. */
        KUBERNETES
    }

    /** @return the training Jobs' pod settings (the Helm chart's MDFE_TRAINER_KUBERNETES_* variables) */
    KubernetesJobs kubernetes();

    /** What every training Job's pod gets unless its TrainingRun says otherwise. */
    interface KubernetesJobs {

        /** @return the worker image (the trainer image); required with the kubernetes launcher */
        Optional<String> image();

        /** @return the pods' ServiceAccount */
        Optional<String> serviceAccount();

        /** @return GPUs per pod ({@code nvidia.com/gpu}) */
        @WithDefault("0")
        int gpus();

        /** @return the container's resources as JSON ({@code {"limits":{...},"requests":{...}}}) */
        Optional<String> resources();

        /** @return the GPU pool's node selector as a JSON object */
        Optional<String> nodeSelector();

        /** @return the GPU pool's tolerations as a JSON list */
        Optional<String> tolerations();

        /** @return the GPU pool's affinity as a JSON object */
        Optional<String> affinity();

        /** @return the shared ReadWriteMany artifacts PVC */
        Optional<String> artifactsClaim();

        /** @return where the artifacts volume is mounted, the same path as in the service's pod */
        @WithDefault("/mdfe")
        String artifactsMountPath();

        /** @return labels every Job pod carries, as a JSON object (the chart's NetworkPolicy selects them) */
        Optional<String> podLabels();

        /** @return the worker's class path inside the image (the Quarkus fast-jar layout Jib builds) */
        @WithDefault("/home/jboss/lib/boot/*:/home/jboss/lib/main/*:/home/jboss/app/*")
        String workerClasspath();
    }

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
