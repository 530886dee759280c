package io.mdfe.cli.flow;

import io.mdfe.cli.system.ServiceName;
import io.mdfe.cli.system.SystemSettings;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.JobState;
import io.mdfe.proto.eval.ListEvaluationsRequest;
import io.mdfe.proto.eval.Trigger;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.trainer.DatasetSelector;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.ListRecipesRequest;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.Recipe;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.StepProgress;
import io.mdfe.proto.trainer.StreamProgressRequest;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Drives one dataset through the running system, over the services' gRPC APIs only: registers the recipe with the
 * trainer-service and the dataset with the data-service (whose DatasetRegistered/Updated event makes the trainer
 * start the recipe's run), finds that run (or starts it when no event started one), follows its progress with a
 * progress bar while every event on the three topics is printed on one line, and waits for the eval-service's
 * final test evaluation of the run. Prints the test table and the path of the run report.
 */
public final class PipelineDriver {

    /** UnED's metric columns, in table order. */
    private static final List<String> METRICS = List.of("R@1", "mMP@5", "mAP@5");
    private static final Duration RUN_APPEARS = Duration.ofSeconds(20);

    private final ServiceCalls services;
    private final SystemSettings settings;
    private final PrintWriter out;
    private final Duration timeout;

    /**
     * @param services the gRPC channels
     * @param settings where the system is (Kafka for the event lines)
     * @param out where lines go
     * @param timeout how long to wait for the final evaluation once training ended
     */
    public PipelineDriver(ServiceCalls services, SystemSettings settings, PrintWriter out, Duration timeout) {
        this.services = services;
        this.settings = settings;
        this.out = out;
        this.timeout = timeout;
    }

    /**
     * The run's end as the command reports it.
     *
     * @param run the run as it ended
     * @param test the final test evaluation
     * @param report the run report page; null when it was not written
     */
    public record Outcome(Run run, Evaluation test, Path report) {
    }

    /**
     * Runs the pipeline.
     *
     * @param recipeArg the recipe argument: a config file, a name under {@code configsDir}, or a trainer-service recipe
     * @param configsDir the recipes folder
     * @param dataDir the dataset folder
     * @param datasetId the data-service id to register it under; null = derived from the folder name
     * @return the outcome
     * @throws IllegalArgumentException for an unknown recipe or a missing data folder
     * @throws IllegalStateException naming the service that failed, or the run's failure reason
     */
    public Outcome run(String recipeArg, Path configsDir, Path dataDir, String datasetId) throws Exception {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("data_dir: " + dataDir + " is not a folder");
        }
        Path root = dataDir.toRealPath();
        TrainerServiceGrpc.TrainerServiceBlockingStub trainer = TrainerServiceGrpc.newBlockingStub(
                services.channel(ServiceName.TRAINER));
        PipelineRecipe recipe = resolveRecipe(recipeArg, configsDir, trainer);
        String dataset = datasetId != null ? datasetId : recipe.file() == null ? existingDatasetOf(recipe, trainer)
                : PipelineRecipe.recipeName(root.getFileName().toString());

        // The tail starts before anything is registered, so this run's events are all printed.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean finalSeen = new AtomicBoolean();
        String[] runIdHolder = new String[1];
        EventTail tail = new EventTail(settings.bootstrapServers(), EventFormatter.TOPICS, false, Duration.ofSeconds(15));
        Thread printer = new Thread(() -> {
            try (tail) {
                tail.run((topic, key, value, time) -> {
                    print(EventFormatter.format(topic, key, value, time));
                    if (topic.equals(EventFormatter.EVALUATION_TOPIC) && isFinalOf(value, runIdHolder[0])) {
                        finalSeen.set(true);
                    }
                }, stop::get, Duration.ofMillis(300));
            }
        }, "mdfe-events");
        printer.setDaemon(true);
        printer.start();
        try {
            if (recipe.file() != null) {
                services.call(ServiceName.TRAINER, "RegisterRecipe", () -> trainer.registerRecipe(RegisterRecipeRequest.newBuilder()
                        .setName(recipe.name()).setConfigYaml(recipe.configYaml()).setDatasetId(dataset)
                        .setEnabled(true).build()));
                print("recipe " + recipe.name() + " (" + recipe.file() + ") registered, training on dataset " + dataset);
            }
            DatasetInfo info = registerDataset(dataset, root, recipe.datasetNames());
            print("dataset " + dataset + " registered: version " + info.getRef().getVersion().substring(0,
                    Math.min(12, info.getRef().getVersion().length())) + ", " + info.getNumSamples() + " samples, "
                    + info.getNumClasses() + " classes");
            Run run = findOrStartRun(trainer, recipe.name(), info.getRef());
            runIdHolder[0] = run.getRunId();
            print("run " + run.getRunId() + " (" + run.getRunDir() + ")");
            Run ended = follow(trainer, run);
            if (ended.getState() != RunState.RUN_STATE_SUCCEEDED) {
                throw new IllegalStateException("run " + ended.getRunId() + " "
                        + ended.getState().name().replace("RUN_STATE_", "").toLowerCase(Locale.ROOT) + " at step "
                        + ended.getStep() + ": " + (ended.getReason().isEmpty() ? "no reason given" : ended.getReason()));
            }
            Evaluation test = awaitFinalEvaluation(ended.getRunId());
            // Give the tail a moment to print the EvaluationCompleted that announced it.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!finalSeen.get() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            Path report = Path.of(ended.getRunDir(), "report", "index.html");
            return new Outcome(ended, test, Files.isRegularFile(report) ? report : null);
        } finally {
            stop.set(true);
            printer.join(5000);
        }
    }

    private PipelineRecipe resolveRecipe(String recipeArg, Path configsDir,
                                         TrainerServiceGrpc.TrainerServiceBlockingStub trainer) throws Exception {
        PipelineRecipe fromFile = PipelineRecipe.fromFile(recipeArg, configsDir);
        if (fromFile != null) {
            return fromFile;
        }
        // Only a name the trainer-service could hold is worth asking it about; a path or another string is a
        // typo the user can fix without a running system.
        if (recipeArg.contains("/") || recipeArg.contains(java.io.File.separator) || recipeArg.matches(".*\\.ya?ml")) {
            throw new IllegalArgumentException("RECIPE: " + recipeArg + ": no such file");
        }
        if (!PipelineRecipe.isRecipeName(recipeArg)) {
            throw new IllegalArgumentException("unknown recipe '" + recipeArg + "': no file " + recipeArg + ", no "
                    + configsDir.resolve(recipeArg + ".yaml") + ", and not a trainer-service recipe name (1-64 of"
                    + " a-z 0-9 . _ -, starting with a letter or digit)");
        }
        List<String> known = services.call(ServiceName.TRAINER, "ListRecipes", () -> trainer.listRecipes(
                ListRecipesRequest.getDefaultInstance())).getRecipesList().stream().map(Recipe::getName).toList();
        if (!known.contains(recipeArg)) {
            throw new IllegalArgumentException("unknown recipe '" + recipeArg + "': no file " + recipeArg + ", no "
                    + configsDir.resolve(recipeArg + ".yaml") + ", and the trainer-service has no recipe of that name"
                    + (known.isEmpty() ? "" : " (it has: " + String.join(", ", known) + ")"));
        }
        return PipelineRecipe.registered(recipeArg);
    }

    private String existingDatasetOf(PipelineRecipe recipe, TrainerServiceGrpc.TrainerServiceBlockingStub trainer) {
        return services.call(ServiceName.TRAINER, "ListRecipes", () -> trainer.listRecipes(ListRecipesRequest.getDefaultInstance()))
                .getRecipesList().stream().filter(r -> r.getName().equals(recipe.name())).findFirst().orElseThrow()
                .getDatasetId();
    }

    /**
     * UnED names ({@code uned}, {@code uned:<domain>}) register a UnED dataset; other names are CSV sets; no names
     * (a trainer-service recipe) lets the data-service detect the layout.
     */
    private DatasetInfo registerDataset(String dataset, Path root, List<String> names) {
        RegisterDatasetRequest.Builder request = RegisterDatasetRequest.newBuilder().setDatasetId(dataset)
                .setRoot(root.toString());
        if (!names.isEmpty() && names.stream().allMatch(n -> n.equals("uned") || n.startsWith("uned:"))) {
            request.setFormat(DatasetFormat.DATASET_FORMAT_UNED);
            names.stream().filter(n -> n.startsWith("uned:")).map(n -> n.substring(5)).forEach(request::addNames);
        } else if (!names.isEmpty()) {
            // Explicit, as a folder may hold both layouts (the demo data does).
            request.setFormat(DatasetFormat.DATASET_FORMAT_CSV).addAllNames(names);
        }
        DataServiceGrpc.DataServiceBlockingStub data = DataServiceGrpc.newBlockingStub(services.channel(ServiceName.DATA));
        return services.call(ServiceName.DATA, "RegisterDataset", () -> data.registerDataset(request.build()));
    }

    /**
     * The run the dataset event started for the recipe and version (or an earlier one that is still going or
     * succeeded); when none appears in time (e.g. this version was registered before, without the recipe), or the
     * last one failed or was cancelled, a new one is started.
     */
    private Run findOrStartRun(TrainerServiceGrpc.TrainerServiceBlockingStub trainer, String recipe, DatasetRef version)
            throws InterruptedException {
        long deadline = System.nanoTime() + RUN_APPEARS.toNanos();
        while (true) {
            Optional<Run> run = services.call(ServiceName.TRAINER, "ListRuns", () -> trainer.listRuns(ListRunsRequest.newBuilder()
                    .setRecipe(recipe).build())).getRunsList().stream()
                    .filter(r -> r.getDataset().getDatasetId().equals(version.getDatasetId())
                            && r.getDataset().getVersion().equals(version.getVersion()))
                    .max(Comparator.comparing(r -> r.getCreatedAt().getSeconds()));
            boolean ended = run.isPresent() && (run.get().getState() == RunState.RUN_STATE_FAILED
                    || run.get().getState() == RunState.RUN_STATE_CANCELLED);
            if (run.isPresent() && !ended) {
                return run.get();
            }
            if (ended || System.nanoTime() > deadline) {
                print(ended ? "the last run of " + recipe + " on this dataset version (" + run.get().getRunId() + ") "
                        + run.get().getState().name().replace("RUN_STATE_", "").toLowerCase(Locale.ROOT)
                        + ": starting a new one" : "no run started for " + recipe + " on this dataset version: starting one");
                return services.call(ServiceName.TRAINER, "StartTraining", () -> trainer.startTraining(StartTrainingRequest
                        .newBuilder().setRecipe(recipe).setDataset(DatasetSelector.newBuilder().setRegistered(version))
                        .build()));
            }
            Thread.sleep(300);
        }
    }

    /** Streams the run's progress into a progress bar; returns the run as it ended. */
    private Run follow(TrainerServiceGrpc.TrainerServiceBlockingStub trainer, Run run) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(Math.max(1,
                run.getTotalSteps())).setStyle(ProgressBarStyle.ASCII).setUnit(" it", 1).build()) {
            services.call(ServiceName.TRAINER, "StreamProgress", () -> {
                Iterator<ProgressUpdate> updates = trainer.streamProgress(StreamProgressRequest.newBuilder()
                        .setRunId(run.getRunId()).build());
                while (updates.hasNext()) {
                    ProgressUpdate u = updates.next();
                    if (u.hasStep()) {
                        StepProgress s = u.getStep();
                        bar.maxHint(Math.max(1, s.getTotalSteps()));
                        bar.stepTo(s.getStep());
                        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f lr %.2e %.0f img/s",
                                s.getEpoch(), s.getLoss(), s.getLr(), s.getImagesPerSecond()));
                    }
                    if (u.hasCheckpoint()) {
                        bar.setExtraMessage("saved " + u.getCheckpoint().getModel().getVersion());
                    }
                }
                return null;
            });
            Run ended = services.call(ServiceName.TRAINER, "GetRun", () -> trainer.getRun(GetRunRequest.newBuilder()
                    .setRunId(run.getRunId()).build()));
            bar.maxHint(Math.max(1, ended.getTotalSteps()));
            bar.stepTo(ended.getStep());
            return ended;
        }
    }

    /** Waits for the eval-service's final (test) evaluation of the run to end. */
    private Evaluation awaitFinalEvaluation(String runId) throws InterruptedException {
        EvalServiceGrpc.EvalServiceBlockingStub eval = EvalServiceGrpc.newBlockingStub(services.channel(ServiceName.EVAL));
        long deadline = System.nanoTime() + timeout.toNanos();
        print("training done; waiting for the eval-service's test evaluation of " + runId);
        while (System.nanoTime() < deadline) {
            Optional<Evaluation> job = services.call(ServiceName.EVAL, "ListEvaluations", () -> eval.listEvaluations(
                    ListEvaluationsRequest.getDefaultInstance())).getEvaluationsList().stream()
                    .filter(e -> e.getTrigger() == Trigger.TRIGGER_FINAL && e.getRunId().equals(runId)).findFirst();
            if (job.isPresent() && job.get().getProgress().getState() == JobState.JOB_STATE_SUCCEEDED) {
                return job.get();
            }
            if (job.isPresent() && job.get().getProgress().getState() == JobState.JOB_STATE_FAILED) {
                throw new IllegalStateException("the test evaluation of run " + runId + " failed: "
                        + job.get().getError());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the eval-service did not finish the test evaluation of run " + runId
                + " within " + timeout.toSeconds() + " s");
    }

    private static boolean isFinalOf(byte[] value, String runId) {
        try {
            EvaluationEvent event = EvaluationEvent.parseFrom(value);
            return runId != null && event.getCompleted().getRunId().equals(runId)
                    && event.getCompleted().getTrigger().equals("final");
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** Prints a line; clears a progress bar drawn on the terminal line first. */
    private synchronized void print(String line) {
        out.println((System.console() != null ? "\r\u001b[2K" : "") + line);
        out.flush();
    }

    /** {@return the per-domain table of an evaluation, with its mean row, as core's table prints it} */
    public static String table(Evaluation evaluation) {
        List<DomainResult> rows = new ArrayList<>();
        for (int i = 0; i < evaluation.getDomainsCount(); i++) {
            io.mdfe.proto.eval.DomainResult d = evaluation.getDomains(i);
            Map<String, Double> metrics = new LinkedHashMap<>();
            METRICS.stream().filter(d.getMetricsMap()::containsKey).forEach(m -> metrics.put(m, d.getMetricsMap().get(m)));
            d.getMetricsMap().forEach(metrics::putIfAbsent);
            rows.add(new DomainResult(i, d.getDomain(), metrics, d.getQueries(), d.getIndexItems(), d.getLoneQueries(),
                    d.getSeconds()));
        }
        return new EvaluationTable(rows, evaluation.getTimings().getIndexBuildSeconds()).format();
    }
}
