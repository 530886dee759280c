package io.mdfe.trainer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.trainer.k8s.JobSettings;
import io.mdfe.trainer.k8s.KubernetesJobLauncher;
import io.mdfe.trainer.k8s.TrainingRunReconciler;
import io.mdfe.trainer.plan.Retrainer;
import io.mdfe.trainer.plan.RunPlanner;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeFiles;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.RunEventSink;
import io.mdfe.trainer.run.RunLauncher;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import io.mdfe.trainer.store.JsonStateFile;
import io.mdfe.trainer.worker.LocalProcessLauncher;
import io.mdfe.trainer.worker.WorkerCommand;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the plain-Java parts from the service's configuration. The {@link RunManager} starts with the
 * application, so runs interrupted by a previous service process are resumed (or failed) at once, and it stops
 * its workers on shutdown.
 */
@ApplicationScoped
public class TrainerProducer {

    /** How often a training Job is looked at while none of its pod logs is being read. */
    private static final Duration JOB_POLL_INTERVAL = Duration.ofSeconds(5);

    @Produces
    @ApplicationScoped
    RecipeRegistry recipes(TrainerServiceConfig config) {
        RecipeRegistry registry = new RecipeRegistry(new JsonStateFile<>(stateDir(config).resolve("recipes.json"), Recipe.class));
        config.recipesDir().filter(Files::isDirectory).map(RecipeFiles::read).ifPresent(files -> files.forEach(registry::register));
        return registry;
    }

    @Produces
    @ApplicationScoped
    KnownDatasets datasets(TrainerServiceConfig config) {
        return new KnownDatasets(new JsonStateFile<>(stateDir(config).resolve("datasets.json"), KnownDataset.class));
    }

    /**
     * The launcher {@code mdfe.trainer.launcher} names: local worker JVMs (the default), or Kubernetes Jobs in the
     * service's own namespace.
     */
    @Produces
    @ApplicationScoped
    RunLauncher launcher(TrainerServiceConfig config, Instance<KubernetesClient> kubernetes,
                         Instance<TrainingRunReconciler> trainingRuns) {
        return switch (config.launcher()) {
            case LOCAL -> new LocalProcessLauncher(WorkerCommand.of(config.worker()));
            case KUBERNETES -> new KubernetesJobLauncher(kubernetes.get(), JobSettings.from(config),
                    // Resolved at launch time: the reconciler needs the RunManager, which needs this launcher.
                    runId -> trainingRuns.isResolvable() ? trainingRuns.get().owner(runId) : Optional.empty(),
                    JOB_POLL_INTERVAL);
        };
    }

    /** A client of the cluster the service runs in (in-cluster ServiceAccount), made only when a launcher asks. */
    @Produces
    @ApplicationScoped
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    void closeKubernetesClient(@Disposes KubernetesClient client) {
        client.close();
    }

    /** The TrainingRun reconciler; only made when {@code mdfe.k8s.enabled} starts it. */
    @Produces
    @ApplicationScoped
    TrainingRunReconciler trainingRunReconciler(KubernetesClient client, RunPlanner planner, RunManager runs,
                                                RunLauncher launcher, K8sConfig k8s) {
        if (!(launcher instanceof KubernetesJobLauncher jobs)) {
            throw new IllegalStateException("mdfe.k8s.enabled=true needs mdfe.trainer.launcher=kubernetes");
        }
        return new TrainingRunReconciler(client, planner, runs, jobs, Clock.systemUTC(), k8s.imagePullDeadline(),
                k8s.schedulingDeadline());
    }

    void stopTrainingRunReconciler(@Disposes TrainingRunReconciler reconciler) {
        reconciler.close();
    }

    void startOperator(@Observes StartupEvent started, K8sConfig k8s, Instance<TrainingRunReconciler> reconciler) {
        if (k8s.enabled()) {
            reconciler.get().start(k8s.resync().toMillis());
        }
    }

    /** The persisted runs; read by the outbox's recovery first, then owned by the {@link RunManager}. */
    @Produces
    @Singleton
    RunRegistry runRegistry(TrainerServiceConfig config) {
        return new RunRegistry(new JsonStateFile<>(stateDir(config).resolve("runs.json"), RunRecord.class));
    }

    @Produces
    @ApplicationScoped
    @Startup
    RunManager runs(TrainerServiceConfig config, RunRegistry registry, RunLauncher launcher, RunEventSink events,
                    Outbox outbox) {
        // The outbox (injected, so made first) has settled what a crash left staged against the registry as saved,
        // before recover() changes any run.
        RunManager manager = new RunManager(registry, launcher, events, config.maxConcurrentRuns(),
                restartsByTheService(config), Clock.systemUTC());
        manager.recover();
        return manager;
    }

    void stopWorkers(@Disposes RunManager runs) {
        runs.close();
    }

    @Produces
    @ApplicationScoped
    RunPlanner planner(TrainerServiceConfig config, RecipeRegistry recipes, KnownDatasets datasets,
                       @ConfigProperty(name = "mdfe.artifact-roots") List<Path> artifactRoots) {
        return new RunPlanner(config.allowedDataRoot(), createDirectories(config.runsDir()), artifactRoots, recipes,
                datasets);
    }

    @Produces
    @ApplicationScoped
    Retrainer retrainer(RecipeRegistry recipes, KnownDatasets datasets, RunPlanner planner, RunManager runs) {
        return new Retrainer(recipes, datasets, planner, runs);
    }

    /** A Job retries its own pods (backoffLimit), so the service must not restart a failed Job on top. */
    private static int restartsByTheService(TrainerServiceConfig config) {
        return config.launcher() == TrainerServiceConfig.LauncherKind.KUBERNETES ? 0 : config.maxRestarts();
    }

    private static Path stateDir(TrainerServiceConfig config) {
        return createDirectories(config.stateDir());
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
