package io.mdfe.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.RunSpec;
import io.mdfe.trainer.store.JsonStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request checking: config, data and overrides resolve into a run folder, or fail naming the field. */
class RunPlannerTest {

    static final Path DEMO_CONFIG = Path.of("..", "configs", "demo.yaml");

    @TempDir
    Path work;

    private Path allowed;
    private Path data;
    private RecipeRegistry recipes;
    private KnownDatasets datasets;
    private RunPlanner planner;
    private String demoYaml;

    @BeforeEach
    void setUp() throws Exception {
        allowed = Files.createDirectories(work.resolve("data"));
        data = Files.createDirectories(allowed.resolve("demo"));
        recipes = new RecipeRegistry(new JsonStateFile<>(work.resolve("state/recipes.json"), Recipe.class));
        datasets = new KnownDatasets(new JsonStateFile<>(work.resolve("state/datasets.json"), KnownDataset.class));
        planner = new RunPlanner(allowed, Files.createDirectories(work.resolve("runs")), recipes, datasets);
        demoYaml = Files.readString(DEMO_CONFIG);
    }

    private static Code reasonOf(Runnable call, String fieldInMessage) {
        ServiceException e = assertThrows(ServiceException.class, call::run);
        assertTrue(e.getMessage().startsWith(fieldInMessage), e.getMessage());
        return e.code();
    }

    @Test
    void anInlineConfigOnADirectoryGetsItsRunFolderAndResolvedConfig() throws Exception {
        RunSpec spec = planner.plan(new TrainingRequest(demoYaml, "", DataSelection.directory(data.toString(),
                List.of("demo", "uned:cars")), List.of("TRAIN.epochs=2")));
        MdfeConfig saved = ConfigLoader.load(Path.of(spec.runDir()).resolve("config.yaml"), List.of());
        assertEquals(2, saved.train().epochs());
        assertEquals(List.of("demo", "uned:cars"), saved.dataset().names());
        assertEquals(data.toRealPath().toString(), saved.dataset().root());
        assertEquals(data.toRealPath().toString(), spec.dataRoot());
        assertTrue(Path.of(spec.runDir()).getFileName().toString().endsWith("__" + spec.modelId()));
        assertEquals("", spec.recipe());
    }

    @Test
    void aRecipeTrainsOnItsAnnouncedDataset() {
        datasets.put(new KnownDataset("shop", "v2", data.toString(), List.of("demo")));
        recipes.register(new Recipe("nightly", demoYaml, "shop", List.of(), true));
        RunSpec spec = planner.plan(new TrainingRequest("", "nightly", null, List.of()));
        assertEquals("nightly", spec.recipe());
        assertEquals("shop", spec.datasetId());
        assertEquals("v2", spec.datasetVersion());
        assertEquals(List.of("demo"), spec.datasetNames());
    }

    @Test
    void pathsOutsideTheRootsAreDeniedAlikeWhetherOrNotTheyExist() throws Exception {
        DataSelection dir = DataSelection.directory(data.toString(), List.of());
        Path outside = Files.createDirectories(work.resolve("elsewhere"));
        String existing = deniedMessage(DataSelection.directory(outside.toString(), List.of()), List.of(), "dataset.root");
        String missing = deniedMessage(DataSelection.directory(work.resolve("nowhere").toString(), List.of()), List.of(),
                "dataset.root");
        assertEquals(existing.replace("elsewhere", "X"), missing.replace("nowhere", "X"));
        Files.createSymbolicLink(allowed.resolve("link"), outside);
        deniedMessage(DataSelection.directory(allowed.resolve("link").toString(), List.of()), List.of(), "dataset.root");
        deniedMessage(DataSelection.directory(data + "/../../elsewhere", List.of()), List.of(), "dataset.root");
        deniedMessage(dir, List.of("DATASET.cls_dist_file=" + outside.resolve("cls.csv")), "DATASET.cls_dist_file");
        deniedMessage(dir, List.of("DATASET.cls_dist_file=../../elsewhere/cls.csv"), "DATASET.cls_dist_file");
        deniedMessage(dir, List.of("MODEL.BACKBONE.model_dir=/etc"), "MODEL.BACKBONE.model_dir");
        datasets.put(new KnownDataset("evil", "v1", outside.toString(), List.of("demo")));
        deniedMessage(DataSelection.registered("evil", "", List.of()), List.of(), "dataset.registered");
        // inside the roots: the data folder and the runs directory
        planner.plan(new TrainingRequest(demoYaml, "", dir, List.of("DATASET.cls_dist_file=cls.csv",
                "MODEL.BACKBONE.model_dir=" + work.resolve("runs/models"))));
        try (var runs = Files.list(work.resolve("runs"))) {
            assertEquals(1, runs.count(), "only the allowed request made a run folder");
        }
    }

    private String deniedMessage(DataSelection data, List<String> overrides, String field) {
        ServiceException e = assertThrows(ServiceException.class,
                () -> planner.plan(new TrainingRequest(demoYaml, "", data, overrides)));
        assertEquals(Code.PERMISSION_DENIED, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badRequestsNameTheirField() throws Exception {
        assertEquals(Code.INVALID_ARGUMENT,
                reasonOf(() -> planner.plan(new TrainingRequest("", "", null, List.of())), "config"));
        assertEquals(Code.INVALID_ARGUMENT,
                reasonOf(() -> planner.plan(new TrainingRequest(demoYaml, "", null, List.of())), "dataset"));
        DataSelection dir = DataSelection.directory(data.toString(), List.of());
        assertEquals(Code.INVALID_ARGUMENT, reasonOf(() -> planner.plan(
                new TrainingRequest(demoYaml, "", dir, List.of("TRAIN.epochz=2"))), "config_yaml / overrides"));
        assertEquals(Code.PERMISSION_DENIED, reasonOf(() -> planner.plan(
                new TrainingRequest(demoYaml, "", DataSelection.directory(work.toString(), List.of()), List.of())),
                "dataset.root"));
        assertEquals(Code.INVALID_ARGUMENT, reasonOf(() -> planner.plan(
                new TrainingRequest(demoYaml, "", DataSelection.directory("demo", List.of()), List.of())),
                "dataset.root"));
        assertEquals(Code.NOT_FOUND, reasonOf(() -> planner.plan(
                new TrainingRequest(demoYaml, "", DataSelection.directory(allowed.resolve("gone").toString(),
                        List.of()), List.of())), "dataset.root"));
        assertEquals(Code.NOT_FOUND,
                reasonOf(() -> planner.plan(new TrainingRequest("", "nope", null, List.of())), "recipe"));
        assertEquals(Code.NOT_FOUND, reasonOf(() -> planner.plan(new TrainingRequest(demoYaml, "",
                DataSelection.registered("shop", "", List.of()), List.of())), "dataset.registered.dataset_id"));
        datasets.put(new KnownDataset("shop", "v2", data.toString(), List.of("demo")));
        assertEquals(Code.FAILED_PRECONDITION, reasonOf(() -> planner.plan(new TrainingRequest(
                demoYaml, "", DataSelection.registered("shop", "v1", List.of()), List.of())),
                "dataset.registered.version"));
        try (var runs = Files.list(work.resolve("runs"))) {
            assertEquals(0, runs.count(), "a refused request leaves no run folder");
        }
    }

    @Test
    void recipesAreCheckedAndPersisted() {
        assertEquals(Code.INVALID_ARGUMENT, reasonOf(() -> recipes.register(
                new Recipe("Bad Name", demoYaml, "shop", List.of(), true)), "name"));
        assertEquals(Code.INVALID_ARGUMENT, reasonOf(() -> recipes.register(
                new Recipe("ok", demoYaml, "", List.of(), true)), "dataset_id"));
        assertEquals(Code.INVALID_ARGUMENT, reasonOf(() -> recipes.register(
                new Recipe("ok", "MODEL:\n  HEAD:\n    name: NoSuchHead\n", "shop", List.of(), true)), "config_yaml"));
        recipes.register(new Recipe("b", demoYaml, "shop", List.of(), true));
        recipes.register(new Recipe("a", demoYaml, "shop", List.of(), false));
        RecipeRegistry reloaded = new RecipeRegistry(new JsonStateFile<>(work.resolve("state/recipes.json"),
                Recipe.class));
        assertEquals(List.of("a", "b"), reloaded.all().stream().map(Recipe::name).toList());
        assertEquals(List.of("b"), reloaded.trainingOn("shop").stream().map(Recipe::name).toList(),
                "a disabled recipe does not retrain");
    }
}
