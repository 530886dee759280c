package io.mdfe.trainer;

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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the plain-Java parts from the service's configuration. The {@link RunManager} starts with the
 * application, so runs interrupted by a previous service process are resumed (or failed) at once, and it stops
 * its workers on shutdown.
 */
@ApplicationScoped
public class TrainerProducer {

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

    /** The embedded launcher; a Kubernetes Job launcher will be chosen here by configuration. */
    @Produces
    @ApplicationScoped
    RunLauncher launcher(TrainerServiceConfig config) {
        return new LocalProcessLauncher(WorkerCommand.of(config.worker()));
    }

    @Produces
    @ApplicationScoped
    @Startup
    RunManager runs(TrainerServiceConfig config, RunLauncher launcher, RunEventSink events) {
        RunManager manager = new RunManager(
                new RunRegistry(new JsonStateFile<>(stateDir(config).resolve("runs.json"), RunRecord.class)),
                launcher, events, config.maxConcurrentRuns(), config.maxRestarts(), Clock.systemUTC());
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
