package io.mdfe.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.NoRunEvents;
import io.mdfe.trainer.run.RunLauncher;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import io.mdfe.trainer.run.RunState;
import io.mdfe.trainer.run.WorkerHandle;
import io.mdfe.trainer.run.WorkerListener;
import io.mdfe.trainer.store.JsonStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe matching and debouncing: which dataset versions start which runs. */
class RetrainerTest {

    @TempDir
    Path work;

    private Path data;
    private RecipeRegistry recipes;
    private KnownDatasets datasets;
    private RunManager runs;
    private Retrainer retrainer;

    /** Workers that never report: the runs stay queued or running, which is all these tests look at. */
    private static final class IdleLauncher implements RunLauncher {
        @Override
        public WorkerHandle launch(RunRecord run, WorkerListener listener) {
            return new WorkerHandle() {
                @Override
                public long pid() {
                    return 1;
                }

                @Override
                public void stop() {
                }
            };
        }

        @Override
        public void stopOrphan(long pid) {
        }
    }


    @BeforeEach
    void setUp() throws Exception {
        Path allowed = Files.createDirectories(work.resolve("data"));
        data = Files.createDirectories(allowed.resolve("shop"));
        recipes = new RecipeRegistry(new JsonStateFile<>(work.resolve("recipes.json"), Recipe.class));
        datasets = new KnownDatasets(new JsonStateFile<>(work.resolve("datasets.json"), KnownDataset.class));
        runs = new RunManager(new RunRegistry(new JsonStateFile<>(work.resolve("runs.json"), RunRecord.class)),
                new IdleLauncher(), new NoRunEvents(), 1, 2, Clock.systemUTC());
        RunPlanner planner = new RunPlanner(allowed, Files.createDirectories(work.resolve("runs")), recipes, datasets);
        retrainer = new Retrainer(recipes, datasets, planner, runs);
        String yaml = Files.readString(RunPlannerTest.DEMO_CONFIG);
        recipes.register(new Recipe("shop-nightly", yaml, "shop", List.of(), true));
        recipes.register(new Recipe("shop-paused", yaml, "shop", List.of(), false));
        recipes.register(new Recipe("shop-subset", yaml, "shop", List.of("demo"), true));
        recipes.register(new Recipe("other", yaml, "landmarks", List.of(), true));
    }

    private KnownDataset shop(String version) {
        return new KnownDataset("shop", version, data.toString(), List.of("demo", "extra"));
    }

    @Test
    void aNewVersionStartsOneRunPerEnabledRecipeOfThatDataset() {
        List<RunRecord> started = retrainer.onDatasetVersion(shop("v1"));
        assertEquals(List.of("shop-nightly", "shop-subset"), started.stream().map(r -> r.spec().recipe()).toList());
        assertEquals(List.of("demo", "extra"), started.get(0).spec().datasetNames(), "the dataset's own names");
        assertEquals(List.of("demo"), started.get(1).spec().datasetNames(), "the recipe's names");
        assertTrue(started.stream().allMatch(r -> r.spec().datasetVersion().equals("v1")));
        assertEquals(RunState.RUNNING, started.get(0).state());
        assertEquals(RunState.QUEUED, started.get(1).state());
        assertEquals("v1", datasets.find("shop").orElseThrow().version());
    }

    @Test
    void duplicateEventsOfAVersionStartNothing() {
        retrainer.onDatasetVersion(shop("v1"));
        assertEquals(List.of(), retrainer.onDatasetVersion(shop("v1")));
        assertEquals(2, retrainer.onDatasetVersion(shop("v2")).size());
        assertEquals(4, runs.list().size());
    }

    @Test
    void debouncingSurvivesARestartThroughTheRunRegistry() {
        retrainer.onDatasetVersion(shop("v1"));
        RunManager restarted = new RunManager(new RunRegistry(new JsonStateFile<>(work.resolve("runs.json"),
                RunRecord.class)), new IdleLauncher(), new NoRunEvents(), 1, 2, Clock.systemUTC());
        Retrainer again = new Retrainer(recipes, datasets, new RunPlanner(work.resolve("data"), work.resolve("runs"),
                recipes, datasets), restarted);
        assertEquals(List.of(), again.onDatasetVersion(shop("v1")));
    }

    @Test
    void otherDatasetsStartNothingButAreRemembered() {
        KnownDataset cars = new KnownDataset("cars", "c1", data.toString(), List.of("demo"));
        assertEquals(List.of(), retrainer.onDatasetVersion(cars));
        assertEquals(cars, datasets.find("cars").orElseThrow());
        assertEquals(0, runs.list().size());
    }
}
