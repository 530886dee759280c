package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.proto.trainer.CancelRunRequest;
import io.mdfe.proto.trainer.DatasetSelector;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile input for {@code mdfe.trainer.v1.TrainerService}. The allowed data root is a folder of its own under
 * {@code target/}, so {@code outside}, its sibling, is outside it wherever the repository is checked out (the
 * module's %test root, {@code java.io.tmpdir}, holds the whole repository when it is cloned under /tmp).
 *
 * <ul>
 *   <li>StartTraining: dataset.root outside the allowed root existing and missing (same status and message),
 *       by {@code ..} and by a symlink, relative; {@code DATASET.cls_dist_file} and {@code MODEL.BACKBONE.model_dir}
 *       overrides outside the roots (absolute and relative escapes); an oversized override.</li>
 *   <li>StartTraining of a recipe naming a dataset that was never announced (NOT_FOUND naming it).</li>
 *   <li>A run whose data folder is removed while it trains: it fails naming the files, its checkpoint stays.</li>
 *   <li>GetRun, CancelRun: unknown and oversized run ids.</li>
 * </ul>
 * Each answers within a time limit and no refused request leaves a run or a run folder behind.
 */
@QuarkusTest
@TestProfile(TrainerServiceHostileInputTest.OwnDataRoot.class)
class TrainerServiceHostileInputTest {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Path DATA_ROOT = Path.of("target", "hostile-input-data-root").toAbsolutePath();

    /** Points {@code mdfe.trainer.allowed-data-root} at {@link #DATA_ROOT}, made before the service boots. */
    public static class OwnDataRoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DATA_ROOT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("mdfe.trainer.allowed-data-root", DATA_ROOT.toString());
        }
    }

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "mdfe.trainer.runs-dir")
    Path runsDir;

    private Path tmp;

    private ManagedChannel channel;
    private TrainerServiceGrpc.TrainerServiceBlockingStub trainer;
    private Path outside;

    @BeforeEach
    void connect() throws Exception {
        channel = DemoTraining.channel(root);
        trainer = TrainerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        tmp = Files.createTempDirectory(DATA_ROOT, "data");
        outside = Files.createDirectories(Path.of("target", "outside-" + UUID.randomUUID()).toAbsolutePath());
    }

    @AfterEach
    void disconnect() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        Files.deleteIfExists(outside);
        AtomicFiles.deleteRecursively(tmp);
    }

    @Test
    void startTrainingRefusesPathsOutsideTheRootsAndLeavesNothingBehind() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        int runs = runCount();
        long folders = runFolders();
        String existing = refused(Status.Code.PERMISSION_DENIED, "dataset.root: ", withRoot(data, outside.toString()));
        String missing = refused(Status.Code.PERMISSION_DENIED, "dataset.root: ",
                withRoot(data, outside.resolve("none").toString()));
        assertEquals(existing, missing.replace("/none", ""));
        refused(Status.Code.PERMISSION_DENIED, "dataset.root: ", withRoot(data, data + "/../../../../../../../.." + outside));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), outside);
        refused(Status.Code.PERMISSION_DENIED, "dataset.root: ", withRoot(data, link.toString()));
        refused(Status.Code.INVALID_ARGUMENT, "dataset.root", withRoot(data, "relative/data"));
        refused(Status.Code.PERMISSION_DENIED, "DATASET.cls_dist_file: ",
                DemoTraining.request(data, 1, "[1]").toBuilder()
                        .addOverrides("DATASET.cls_dist_file=" + outside.resolve("cls.csv")).build());
        refused(Status.Code.PERMISSION_DENIED, "DATASET.cls_dist_file: ",
                DemoTraining.request(data, 1, "[1]").toBuilder()
                        .addOverrides("DATASET.cls_dist_file=../../../../../../../.." + outside + "/cls.csv").build());
        refused(Status.Code.PERMISSION_DENIED, "MODEL.BACKBONE.model_dir: ",
                DemoTraining.request(data, 1, "[1]").toBuilder().addOverrides("MODEL.BACKBONE.model_dir=/etc").build());
        refused(Status.Code.INVALID_ARGUMENT, "overrides",
                DemoTraining.request(data, 1, "[1]").toBuilder().addOverrides("TRAIN.x" + "y".repeat(100_000) + "=1").build());
        assertEquals(runs, runCount(), "refused requests start no run");
        assertEquals(folders, runFolders(), "and leave no run folder");
        try (var files = Files.list(outside)) {
            assertEquals(0, files.count(), "nothing written outside the roots");
        }
    }

    @Test
    void unknownAndOversizedRunIdsAreRefused() {
        refusedCall(Status.Code.NOT_FOUND, "run_id",
                () -> trainer.getRun(GetRunRequest.newBuilder().setRunId("run-000000000000").build()));
        refusedCall(Status.Code.NOT_FOUND, "run_id",
                () -> trainer.cancelRun(CancelRunRequest.newBuilder().setRunId("run-000000000000").build()));
        StatusRuntimeException huge = assertThrows(StatusRuntimeException.class, () -> assertTimeoutPreemptively(QUICK,
                () -> trainer.getRun(GetRunRequest.newBuilder().setRunId("../" + "r".repeat(100_000)).build())));
        assertTrue(huge.getStatus().getCode() == Status.Code.NOT_FOUND
                || huge.getStatus().getCode() == Status.Code.INVALID_ARGUMENT, huge::toString);
        assertTrue(huge.getStatus().getDescription().length() <= 1100, "descriptions are cut");
    }

    private static StartTrainingRequest withRoot(Path data, String root) {
        return DemoTraining.request(data, 1, "[1]").toBuilder()
                .setDataset(DatasetSelector.newBuilder().setRoot(root).addNames("demo")).build();
    }

    private int runCount() {
        return trainer.listRuns(ListRunsRequest.getDefaultInstance()).getRunsCount();
    }

    private long runFolders() throws Exception {
        if (!Files.isDirectory(runsDir)) {
            return 0;
        }
        try (var files = Files.list(runsDir)) {
            return files.count();
        }
    }

    private String refused(Status.Code code, String part, StartTrainingRequest request) {
        return refusedCall(code, part, () -> trainer.startTraining(request));
    }

    private static String refusedCall(Status.Code code, String part, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> assertTimeoutPreemptively(QUICK, call::execute));
        assertEquals(code, e.getStatus().getCode(), e::toString);
        String description = e.getStatus().getDescription();
        assertTrue(description != null && description.contains(part), description);
        assertTrue(description.length() <= 1100, "descriptions are cut");
        return description;
    }

    /** #10 bad input: a recipe whose dataset was never announced is refused naming the dataset; nothing starts. */
    @Test
    void aRecipeNamingAnUnknownDatasetIsRefusedNamingIt() {
        trainer.registerRecipe(RegisterRecipeRequest.newBuilder().setName("orphan-recipe").setDatasetId("no-such-dataset")
                .setConfigYaml(DemoTraining.fastYaml(1, "[1]")).build());
        int runs = trainer.listRuns(ListRunsRequest.getDefaultInstance()).getRunsCount();
        String message = refused(Status.Code.NOT_FOUND, "dataset.registered.dataset_id: no dataset 'no-such-dataset'",
                StartTrainingRequest.newBuilder().setRecipe("orphan-recipe").build());
        assertTrue(message.contains("announced"), message);
        assertEquals(runs, trainer.listRuns(ListRunsRequest.getDefaultInstance()).getRunsCount(), "no run was made");
    }

    /**
     * #10 bad input: the data folder of a running run disappears. The run fails naming the missing files, the
     * checkpoint it had saved stays, and the service goes on serving.
     */
    @Test
    void aDatasetFolderRemovedMidRunFailsTheRunAndKeepsItsCheckpoint() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        String runId = trainer.startTraining(DemoTraining.request(data, 200, "[1]")).getRunId();
        List<String> bundles = new ArrayList<>();
        List<ProgressUpdate> updates = DemoTraining.follow(channel, runId, u -> {
            if (u.hasCheckpoint() && bundles.isEmpty()) {
                bundles.add(u.getCheckpoint().getBundleUri());
                try {
                    AtomicFiles.deleteRecursively(data);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        ProgressUpdate last = updates.get(updates.size() - 1);
        assertEquals(RunState.RUN_STATE_FAILED, last.getState(), last::toString);
        assertTrue(last.getReason().contains(data.toString()), "the reason names the data: " + last.getReason());
        assertEquals(1, bundles.size(), "a checkpoint was saved before the data went");
        assertTrue(Files.isRegularFile(Path.of(URI.create(bundles.get(0))).resolve("bundle.json")),
                "the checkpoint saved before the data went is kept");
        assertEquals(RunState.RUN_STATE_FAILED, trainer.getRun(GetRunRequest.newBuilder().setRunId(runId).build())
                .getState());
        DemoTraining.await("the worker to exit", () -> DemoTraining.workers().isEmpty());
    }
}
