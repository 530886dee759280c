package io.mdfe.trainer.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mdfe.k8s.api.v1alpha1.DatasetRef;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.k8s.api.v1alpha1.TrainingRunSpec;
import io.mdfe.k8s.api.v1alpha1.TrainingRunStatus;
import io.mdfe.trainer.plan.RunPlanner;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.NoRunEvents;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import io.mdfe.trainer.store.JsonStateFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TrainingRun reconciler on the Fabric8 mock API server (CRUD mode), with the real planner, run manager and
 * Job launcher: a TrainingRun gets one owned Job and a status naming its run; reconciling again, also by a new
 * operator process, creates nothing more; bad input fails naming the field.
 */
@EnableKubernetesMockClient(crud = true)
class TrainingRunReconcilerTest {

    KubernetesClient client;

    @TempDir
    Path work;

    private RunPlanner planner;
    private final AtomicReference<RunManager> manager = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        Path crd = Path.of(System.getProperty("user.dir")).resolve("../k8s/crds/trainingruns.mdfe.io-v1.yml");
        try (InputStream in = Files.newInputStream(crd)) {
            client.resource(new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
        Path allowed = Files.createDirectories(work.resolve("data"));
        Files.createDirectories(allowed.resolve("demo"));
        RecipeRegistry recipes = new RecipeRegistry(new JsonStateFile<>(work.resolve("recipes.json"), Recipe.class));
        KnownDatasets datasets = new KnownDatasets(new JsonStateFile<>(work.resolve("datasets.json"), KnownDataset.class));
        planner = new RunPlanner(allowed, Files.createDirectories(work.resolve("runs")), recipes, datasets);
    }

    @AfterEach
    void tearDown() {
        if (manager.get() != null) {
            manager.get().close();
        }
    }

    /** One operator process: a run manager over the registry in {@code work}, its launcher and reconciler. */
    private TrainingRunReconciler operator() {
        AtomicReference<TrainingRunReconciler> reconciler = new AtomicReference<>();
        KubernetesJobLauncher launcher = new KubernetesJobLauncher(client, Runs.chartDefaults(),
                id -> reconciler.get().owner(id), Duration.ofMillis(100));
        RunManager runs = new RunManager(new RunRegistry(new JsonStateFile<>(work.resolve("runs.json"), RunRecord.class)),
                launcher, new NoRunEvents(), 1, 0, Clock.systemUTC());
        if (manager.get() != null) {
            manager.get().close();
        }
        manager.set(runs);
        reconciler.set(new TrainingRunReconciler(client, planner, runs, launcher, Clock.systemUTC()));
        runs.recover();
        return reconciler.get();
    }

    private TrainingRun apply(String name, TrainingRunSpec spec) {
        TrainingRun run = new TrainingRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).build());
        run.setSpec(spec);
        return client.resource(run).create();
    }

    private TrainingRun get(String name) {
        return client.resources(TrainingRun.class).withName(name).get();
    }

    private TrainingRunSpec inlineSpec(String config) {
        TrainingRunSpec spec = new TrainingRunSpec();
        spec.setConfig(config);
        DatasetRef data = new DatasetRef();
        data.setRoot(work.resolve("data/demo").toString());
        data.setNames(List.of("demo"));
        spec.setDataset(data);
        return spec;
    }

    private static String demoConfig() throws Exception {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../configs/demo.yaml"));
    }

    @Test
    void createsOneOwnedJobAndNoSecondOneAfterAnOperatorRestart() throws Exception {
        TrainingRunReconciler operator = operator();
        operator.reconcile(apply("demo", inlineSpec(demoConfig())));
        TrainingRunStatus status = get("demo").getStatus();
        assertNotNull(status.getRunId(), "the status names the run");
        Job job = client.batch().v1().jobs().withName(status.getJobName()).get();
        assertNotNull(job, "the run's Job");
        assertEquals("demo", job.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals(get("demo").getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(Phase.Running, status.getPhase());
        assertEquals("Ready", status.getConditions().get(0).getType());

        String version = get("demo").getMetadata().getResourceVersion();
        operator.reconcile(get("demo"));
        assertEquals(version, get("demo").getMetadata().getResourceVersion(), "an unchanged status is not written");

        TrainingRunReconciler restarted = operator();
        restarted.reconcile(get("demo"));
        assertEquals(1, client.batch().v1().jobs().list().getItems().size(), "no second Job");
        assertEquals(status.getRunId(), get("demo").getStatus().getRunId(), "no second run");
    }

    @Test
    void unknownRecipeFailsNamingTheFieldAndIsNotRetried() {
        TrainingRunReconciler operator = operator();
        TrainingRunSpec spec = new TrainingRunSpec();
        spec.setRecipe("nope");
        operator.reconcile(apply("bad-recipe", spec));
        TrainingRunStatus status = get("bad-recipe").getStatus();
        assertEquals(Phase.Failed, status.getPhase());
        assertEquals("InvalidSpec", status.getConditions().get(0).getReason());
        assertTrue(status.getConditions().get(0).getMessage().startsWith("spec.recipe: "), status.getConditions().get(0).getMessage());
        String version = get("bad-recipe").getMetadata().getResourceVersion();
        operator.reconcile(get("bad-recipe"));
        assertEquals(version, get("bad-recipe").getMetadata().getResourceVersion(), "not retried");
        assertTrue(client.batch().v1().jobs().list().getItems().isEmpty());
    }

    @Test
    void invalidInlineConfigFailsNamingTheField() {
        operator().reconcile(apply("bad-config", inlineSpec("MODEL:\n  embedding_dim: -3\n")));
        TrainingRunStatus status = get("bad-config").getStatus();
        assertEquals(Phase.Failed, status.getPhase());
        assertTrue(status.getConditions().get(0).getMessage().startsWith("spec.config / spec.overrides: "),
                status.getConditions().get(0).getMessage());
    }
}
