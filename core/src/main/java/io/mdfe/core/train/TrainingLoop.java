package io.mdfe.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.dataset.ClassDistribution;
import io.mdfe.core.data.dataset.TrainingSample;
import io.mdfe.core.data.dataset.TrainingSet;
import io.mdfe.core.data.pipeline.ImagePipeline;
import io.mdfe.core.data.pipeline.SkippedImage;
import io.mdfe.core.data.transform.ImageTransform;
import io.mdfe.core.data.transform.Normalization;
import io.mdfe.core.data.transform.TransformRegistry;
import io.mdfe.core.data.uned.MultiLabelPolicy;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.TrainingNetwork;
import io.mdfe.core.model.backbone.BackboneInfo;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.core.train.optim.OptimizerRegistry;
import io.mdfe.core.train.optim.SamOptimizer;
import io.mdfe.core.train.optim.TrainingOptimizer;
import io.mdfe.core.train.schedule.LrSchedule;
import io.mdfe.core.train.schedule.TrainingPlan;
import io.mdfe.core.train.schedule.UpstreamSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MDFE2's training loop on DJL: backbone -> neck -> margin head -> softmax cross-entropy, with the
 * upstream's plan (iterations, warmup, save points), schedule and optimizers, a checkpoint at every
 * save point (inference bundle + everything to resume) and an evaluation of each checkpoint.
 *
 * <p>Reproducible on CPU: the data order and augmentations depend only on (SEED, epoch, item), and
 * the engine's random state (dropout) is re-seeded from (SEED, step) before every step, so a run
 * resumed from a checkpoint continues exactly as the uninterrupted run would.
 */
public final class TrainingLoop {

    private final MdfeConfig config;
    private final Path dataRoot;
    private final RunDirectory run;
    private final boolean resume;
    private final boolean dataParallel;
    private final CheckpointEvaluator evaluator;
    private final TrainingListener listener;
    private final Path featureCache;
    private final boolean strict;
    private final StopRequest stop;

    private TrainingLoop(Builder b) {
        this.config = b.config;
        this.dataRoot = b.dataRoot;
        this.run = b.run;
        this.resume = b.resume;
        this.dataParallel = b.dataParallel;
        this.evaluator = b.evaluator;
        this.listener = b.listener;
        this.featureCache = b.featureCache;
        this.strict = b.strict;
        this.stop = b.stop;
    }

    /** A builder: config, data root and run folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains to the end of the plan, resuming from the run's newest checkpoint when asked.
     *
     * @throws NonFiniteLossException when the loss stops being finite (nothing is written for that step)
     * @throws TrainingStoppedException when a stop was requested ({@link Builder#optStop}), after the step in progress
     * @throws IllegalStateException when a whole epoch gives no batch (no image could be read), naming the first
     *                               unreadable image
     */
    public TrainingResult run() throws IOException {
        List<Device> devices = TrainingDevice.select(config.train(), dataParallel);
        Device device = devices.get(0);
        TrainingSet data = TrainingSet.open(dataRoot, config.dataset().names(),
                MultiLabelPolicy.parse(config.dataset().multiLabel()));
        requireHeadFits(data.numClasses());
        long[] classCounts = classCounts(data);
        TrainingPlan plan = TrainingPlan.of(config, data.samples().size());
        LrSchedule schedule = UpstreamSchedule.of(config, plan);
        CheckpointStore store = new CheckpointStore(run.checkpoints());
        Optional<Path> from = resume ? store.latest() : Optional.empty();
        long startStep = 0;
        if (from.isPresent()) {
            CheckpointState state = CheckpointStore.readState(from.get());
            checkResumable(state, data);
            startStep = state.step();
        }
        try (RunLog log = new RunLog(run.log());
             Model model = Model.newInstance("mdfe", device)) {
            NDManager manager = model.getNDManager();
            // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
            // loaded the engine, and its gradient collector restores the previous mode. Training on any
            // other thread would then update the weights in place while recording gradients, which fails.
            JniUtils.setGradMode(false);
            Engine.getInstance().setRandomSeed(config.seed()); // the initial weights follow SEED
            TrainingNetwork network = ModelFactory.training(config, data.numClasses(), classCounts,
                    from.map(p -> p.resolve("bundle")).orElse(null), manager);
            model.setBlock(network);
            TrainingOptimizer optimizer = OptimizerRegistry.create(config.optimizer(), schedule);
            optimizer.nameParameters(network.getParameters());
            if (from.isPresent()) {
                CheckpointStore.restore(from.get(), network, optimizer, manager);
                // DJL's Parameter.load decodes plain arrays: give trainable ones their gradients back
                network.getParameters().values().stream().filter(Parameter::requiresGradient)
                        .forEach(p -> p.getArray().setRequiresGradient(true));
                log.line("resumed from %s at step %d", from.get(), startStep);
            } else {
                log.line("training %s on %s (%d samples, %d classes, fingerprint %s)", run.dir().getFileName(),
                        config.dataset().names(), data.samples().size(), data.numClasses(), data.fingerprint());
            }
            if (devices.size() > 1) {
                log.line("data parallel over %s: each batch split into %d shards", devices, devices.size());
            } else if (dataParallel || config.train().dataParallel()) {
                log.line("data parallelism asked, but one device (%s): training without replicas", device);
            }
            Loss loss = new SoftmaxCrossEntropyLoss();
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss).optOptimizer(optimizer)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(trainingConfig);
                 BatchSource batches = batches(data, network, log)) {
                DataParallel replicas = new DataParallel(trainer, network, devices);
                return new Steps(plan, schedule, data, store, network, optimizer, trainer, replicas, batches, log)
                        .run(startStep);
            }
        }
    }

    /**
     * The head holds k x classes x embedding_dim weights: refuse sizes no tensor can hold before the
     * engine tries to allocate them (it would fail with an allocator message that names no key).
     */
    private void requireHeadFits(int numClasses) {
        int k = config.model().head().k();
        int dim = config.model().embeddingDim();
        long weights = (long) k * numClasses * dim;
        if (weights > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MODEL.HEAD.k=" + k + " x " + numClasses + " classes x MODEL.embedding_dim="
                    + dim + " = " + weights + " head weights, more than one tensor can hold (" + Integer.MAX_VALUE
                    + "); lower MODEL.HEAD.k");
        }
    }

    private long[] classCounts(TrainingSet data) {
        String file = config.dataset().clsDistFile();
        if (file.isBlank()) {
            return null;
        }
        Path path = Path.of(file);
        return ClassDistribution.loadOrCreate(path.isAbsolute() ? path : dataRoot.resolve(path), data);
    }

    private void checkResumable(CheckpointState state, TrainingSet data) {
        if (!state.datasetFingerprint().equals(data.fingerprint()) || state.numClasses() != data.numClasses()) {
            throw new IllegalArgumentException("cannot resume " + run.dir() + ": it was trained on data with fingerprint "
                    + state.datasetFingerprint() + " (" + state.numClasses() + " classes), but DATASET.names "
                    + config.dataset().names() + " under " + dataRoot + " now has " + data.fingerprint() + " ("
                    + data.numClasses() + " classes)");
        }
        if (state.seed() != config.seed()) {
            throw new IllegalArgumentException("cannot resume " + run.dir() + ": it was trained with SEED "
                    + state.seed() + ", the config says " + config.seed());
        }
    }

    /** Cached backbone features when they train identically, else images through the pipeline. */
    private BatchSource batches(TrainingSet data, TrainingNetwork network, RunLog log) throws IOException {
        BackboneInfo backbone = network.embedding().backbone().info();
        Normalization normalization = config.transform().mean().isEmpty()
                ? new Normalization(backbone.mean(), backbone.std())
                : Normalization.of(config.transform().mean(), config.transform().std());
        ImageTransform transform = TransformRegistry.create(config.transform().name(), backbone.imageSize(),
                normalization);
        int workers = Math.max(1, config.dataloader().numWorkers());
        if (featureCache != null && FeatureCache.applies(network.embedding(), transform)) {
            FeatureCache.Features features = new FeatureCache(featureCache, config.dataset().maxImagePixels(), strict).load(data, network.embedding(), transform,
                    config.seed(), config.dataloader().batchSize(), workers, n -> { });
            log.line("training on cached backbone features %s", features.file());
            network.useFeatureInput(true);
            return BatchSource.features(features, config.dataloader().batchSize(), config.seed());
        }
        return BatchSource.images(pipeline(data, transform, workers));
    }

    private ImagePipeline pipeline(TrainingSet data, ImageTransform transform, int workers) {
        return ImagePipeline.builder()
                .setFiles(data.samples().stream().map(TrainingSample::image).toList())
                .setTransform(transform)
                .setBatchSize(config.dataloader().batchSize())
                .optNumWorkers(workers)
                .optSeed(config.seed())
                .optShuffle(true)
                .optStrict(strict)
                .optMaxImagePixels(config.dataset().maxImagePixels())
                .build();
    }

    /** The stepping part of one run, with everything it needs at hand. */
    private final class Steps {
        private final TrainingPlan plan;
        private final LrSchedule schedule;
        private final TrainingSet data;
        private final CheckpointStore store;
        private final TrainingNetwork network;
        private final TrainingOptimizer optimizer;
        private final Trainer trainer;
        private final DataParallel replicas;
        private final BatchSource batches;
        private final RunLog log;
        private final List<Parameter> trainable;

        Steps(TrainingPlan plan, LrSchedule schedule, TrainingSet data, CheckpointStore store, TrainingNetwork network,
              TrainingOptimizer optimizer, Trainer trainer, DataParallel replicas, BatchSource batches, RunLog log) {
            this.plan = plan;
            this.schedule = schedule;
            this.data = data;
            this.store = store;
            this.network = network;
            this.optimizer = optimizer;
            this.trainer = trainer;
            this.replicas = replicas;
            this.batches = batches;
            this.log = log;
            this.trainable = network.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        }

        TrainingResult run(long startStep) throws IOException {
            TrainingCurves curves = TrainingCurves.readCsv(curveCsv(), startStep);
            EvalResults evalResults = EvalResults.open(run.evalResults(), startStep);
            evalResults.rows().forEach(curves::addEvaluation);
            List<Map<String, Double>> evaluations = new ArrayList<>(evalResults.rows().values());
            listener.onStart(plan, startStep);
            long step = startStep;
            long images = 0;
            long started = System.nanoTime();
            double lastLoss = curves.lastLoss();
            int skipped = 0;
            CheckpointInfo last = null;
            int epoch = plan.epochOf(step);
            long skipBatches = step - (long) epoch * plan.batchesPerEpoch();
            while (step < plan.totalIterations()) {
                long before = step;
                List<SkippedImage> epochSkips;
                try (BatchSource.Epoch epochBatches = batches.epoch(epoch)) {
                    long position = 0;
                    while (step < plan.totalIterations() && epochBatches.hasNext()) {
                        InputBatch batch = epochBatches.next();
                        if (position++ < skipBatches) {
                            continue; // already trained before the resume
                        }
                        if (stop.requested()) {
                            throw new TrainingStoppedException(step, store.latest().orElse(null), stop.reason());
                        }
                        lastLoss = step(batch, step);
                        step++;
                        images += batch.count();
                        double lr = schedule.lr(step - 1);
                        curves.addStep(step, lastLoss, lr);
                        double seconds = (System.nanoTime() - started) / 1e9;
                        listener.onStep(new StepStats(step, plan.totalIterations(), epoch + 1, lastLoss, lr,
                                images / Math.max(seconds, 1e-9)));
                        if (step % Math.max(1, plan.printFreq()) == 0) {
                            log.line("step %d/%d epoch %d loss %.5f lr %.3e", step, plan.totalIterations(), epoch + 1,
                                    lastLoss, lr);
                        }
                        if (plan.isSavePoint(step) || step == plan.totalIterations()) {
                            last = checkpoint(step, epoch + 1, curves);
                            evaluate(last, curves, evalResults, evaluations);
                        }
                    }
                    epochSkips = epochBatches.skipped();
                }
                skipped += epochSkips.size();
                epochSkips.forEach(s -> log.line("skipped %s: %s", s.path(), s.reason()));
                if (step == before && skipBatches == 0) {
                    // every batch of a whole epoch was unreadable: another pass cannot do better
                    throw new IllegalStateException(noBatchMessage(epoch, epochSkips));
                }
                // An epoch can give fewer batches than planned (all images of a batch unreadable):
                // the next pass is the next epoch, whatever the step count says.
                epoch++;
                skipBatches = 0;
            }
            if (last == null) {
                last = new CheckpointInfo(step, plan.epochOf(Math.max(0, step - 1)) + 1, store.folder(step),
                        store.folder(step).resolve("bundle"));
            }
            curves.writeStepPlots(run.lossPlot(), run.lrPlot());
            listener.onFinish(last);
            log.line(step == startStep ? "already finished at step %d, loss %.5f" : "finished at step %d, loss %.5f",
                    step, lastLoss);
            return new TrainingResult(run, step, last, lastLoss, evaluations, skipped, startStep);
        }

        private String noBatchMessage(int epoch, List<SkippedImage> skips) {
            if (skips.isEmpty()) {
                return "epoch " + (epoch + 1) + " gave no training batch";
            }
            SkippedImage first = skips.get(0);
            return "no image of the training set could be read: " + skips.size() + " skipped, first: "
                    + first.path() + ": " + first.reason();
        }

        /** One optimizer step on one batch; returns the batch loss (before the update). */
        private double step(InputBatch batch, long step) {
            Engine.getInstance().setRandomSeed(Math.floorMod(config.seed() * 1_000_003L + step, Integer.MAX_VALUE));
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = batch.toNDArray(scope);
                int[] labels = new int[batch.count()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = data.samples().get(batch.indices()[i]).label();
                }
                NDList y = new NDList(scope.create(labels));
                double value = replicas.forwardBackward(x, y);
                if (!Double.isFinite(value)) {
                    throw new NonFiniteLossException(step + 1, value);
                }
                if (optimizer instanceof SamOptimizer sam) {
                    sam.perturb(trainable);
                    replicas.forwardBackward(x, y);
                    sam.restore(trainable);
                }
                trainer.step();
                return value;
            }
        }

        private CheckpointInfo checkpoint(long step, int epoch, TrainingCurves curves) throws IOException {
            boolean frozen = config.model().backbone().freezeBackbone();
            BackboneStorage storage = frozen && network.embedding().backbone().referenceable()
                    ? BackboneStorage.REFERENCE : BackboneStorage.COPY;
            // the curve first: a kill between the two then leaves an older checkpoint and a longer curve, which
            // --resume trims to the checkpoint; the other order lost the curve's rows up to this checkpoint
            curves.writeCsv(curveCsv());
            curves.writeStepPlots(run.lossPlot(), run.lrPlot());
            CheckpointInfo info = store.save(network, optimizer,
                    new CheckpointState(step, epoch, data.fingerprint(), data.numClasses(), config.seed()),
                    new ModelIds(run.modelId(), "step-" + step), config.toYaml(), storage);
            log.line("checkpoint %s", info.dir());
            listener.onCheckpoint(info);
            return info;
        }

        private void evaluate(CheckpointInfo checkpoint, TrainingCurves curves, EvalResults results,
                              List<Map<String, Double>> evaluations) throws IOException {
            if (evaluator == null) {
                return;
            }
            Map<String, Double> metrics;
            try {
                metrics = evaluator.evaluate(checkpoint);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("evaluating " + checkpoint.bundle() + ": " + e.getMessage(), e);
            }
            results.add(checkpoint.step(), checkpoint.epoch(), metrics);
            curves.addEvaluation(checkpoint.step(), metrics);
            curves.writeEvalPlot(run.evalPlot());
            evaluations.add(metrics);
            log.line("evaluation at step %d: %s", checkpoint.step(), metrics);
            listener.onEvaluation(checkpoint, metrics);
        }

        private Path curveCsv() {
            return run.dir().resolve("train_curve.csv");
        }
    }

    /** Builder of {@link TrainingLoop}. */
    public static final class Builder {
        private MdfeConfig config;
        private Path dataRoot;
        private RunDirectory run;
        private boolean resume;
        private boolean dataParallel;
        private CheckpointEvaluator evaluator;
        private TrainingListener listener = new TrainingListener() { };
        private Path featureCache;
        private boolean strict;
        private StopRequest stop = new StopRequest();

        /** The run's config. */
        public Builder setConfig(MdfeConfig config) {
            this.config = config;
            return this;
        }

        /** The data folder the DATASET.names are read from (upstream's {@code data_dir}). */
        public Builder setDataRoot(Path dataRoot) {
            this.dataRoot = dataRoot;
            return this;
        }

        /** The run folder. */
        public Builder setRunDirectory(RunDirectory run) {
            this.run = run;
            return this;
        }

        /** Continue from the run's newest checkpoint (a fresh start when it has none). */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Upstream's {@code --data_parallelism}: split each batch over the GPUs ({@link TrainingDevice#select}). */
        public Builder optDataParallel(boolean dataParallel) {
            this.dataParallel = dataParallel;
            return this;
        }

        /** Scores each checkpoint; none = no evaluation. */
        public Builder optEvaluator(CheckpointEvaluator evaluator) {
            this.evaluator = evaluator;
            return this;
        }

        /** Observes progress. */
        public Builder optListener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Where linear probes cache backbone features (used when the backbone is frozen and the
         * transform deterministic); none = always run the backbone.
         */
        public Builder optFeatureCache(Path dir) {
            this.featureCache = dir;
            return this;
        }

        /** Fail on the first image that cannot be read instead of skipping it (README's {@code --strict}). */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Polled before every step: once requested, the run ends with a {@link TrainingStoppedException}
         * after the step in progress, leaving its checkpoints intact.
         */
        public Builder optStop(StopRequest stop) {
            this.stop = stop;
            return this;
        }

        /** Checks the required values. */
        public TrainingLoop build() {
            if (config == null || dataRoot == null || run == null) {
                throw new IllegalStateException("a training loop needs a config, a data root and a run folder");
            }
            return new TrainingLoop(this);
        }
    }
}
