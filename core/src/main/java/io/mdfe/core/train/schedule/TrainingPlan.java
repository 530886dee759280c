package io.mdfe.core.train.schedule;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.DataloaderConfig;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.config.SchedulerConfig;
import io.mdfe.core.config.TrainConfig;

/**
 * How long a run is and when things happen in it, from the config and the training-set size
 * (upstream-mdfe2.md, "Training semantics"):
 * <ul>
 *   <li>{@code batchesPerEpoch = ceil(numSamples / batchSize)} (the last batch may be short);</li>
 *   <li>{@code totalIterations = batchesPerEpoch * TRAIN.epochs} when TRAIN.epoch_based, else
 *       TRAIN.iterations;</li>
 *   <li>{@code epochs = ceil(totalIterations / batchesPerEpoch)}, the epochs the run touches (the
 *       cosine T_max when SCHEDULER.epoch_based);</li>
 *   <li>{@code warmupSteps = SCHEDULER.warmup_steps * batchesPerEpoch} when warmup_steps &lt; 10
 *       (a count of epochs), else {@code SCHEDULER.seen_img_warmup / batchSize} (integer
 *       division); always in iterations;</li>
 *   <li>save points: the ends of the TRAIN.save_epoch epochs when TRAIN.epoch_based, else every
 *       {@code TRAIN.save_iter} iterations ({@code TRAIN.seen_img_save / batchSize} when
 *       save_iter is 0).</li>
 * </ul>
 *
 * @param numSamples      training images per epoch
 * @param batchSize       DATALOADER.batch_size
 * @param batchesPerEpoch optimizer steps per epoch
 * @param epochs          epochs the run spans (the last may be partial when not epoch_based)
 * @param totalIterations optimizer steps in the run
 * @param warmupSteps     warmup length in iterations (0 when SCHEDULER.warmup is none)
 * @param savePoints      when to save and evaluate
 * @param printFreq       TRAIN.print_freq, iterations between loss log lines
 */
public record TrainingPlan(long numSamples, int batchSize, long batchesPerEpoch, int epochs, long totalIterations,
                           long warmupSteps, SavePoints savePoints, int printFreq) {

    /** SCHEDULER.warmup_steps below this counts epochs, from it on seen_img_warmup decides. */
    static final int EPOCH_WARMUP_LIMIT = 10;

    /**
     * @param cfg        the run config
     * @param numSamples training-set size in images
     * @throws IllegalArgumentException when the training set is empty
     * @throws ConfigException          when DATALOADER.batch_size exceeds the training set, or a
     *                                  derived length (warmup, save interval) comes out as 0
     */
    public static TrainingPlan of(MdfeConfig cfg, long numSamples) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("the training set is empty (" + numSamples
                    + " samples): check DATASET.root and DATASET.names");
        }
        DataloaderConfig loader = cfg.dataloader();
        String where = cfg.source().describe();
        int batchSize = loader.batchSize();
        if (batchSize > numSamples) {
            throw ConfigException.badValue("DATALOADER.batch_size", batchSize, "bad value", where,
                    "<= the number of training samples (" + numSamples + ")");
        }
        long batchesPerEpoch = (numSamples + batchSize - 1) / batchSize;
        TrainConfig train = cfg.train();
        long total = train.epochBased() ? batchesPerEpoch * train.epochs() : train.iterations();
        int epochs = Math.toIntExact((total + batchesPerEpoch - 1) / batchesPerEpoch);
        SavePoints saves = train.epochBased()
                ? SavePoints.AtEpochEnds.of(train.saveEpoch(), epochs, batchesPerEpoch)
                : new SavePoints.Every(saveInterval(train, batchSize, where));
        return new TrainingPlan(numSamples, batchSize, batchesPerEpoch, epochs, total,
                warmupSteps(cfg.scheduler(), batchSize, batchesPerEpoch, where), saves, train.printFreq());
    }

    /**
     * @param completedSteps updates done so far, counted after the update ({@code >= 1})
     * @return whether the inference model is saved and evaluated now
     */
    public boolean isSavePoint(long completedSteps) {
        return savePoints.contains(completedSteps);
    }

    /**
     * @param step the 0-based optimizer step index
     * @return the 0-based epoch that step belongs to
     */
    public int epochOf(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return Math.toIntExact(step / batchesPerEpoch);
    }

    private static long warmupSteps(SchedulerConfig scheduler, int batchSize, long batchesPerEpoch, String where) {
        if (scheduler.warmup().equals("none")) {
            return 0;
        }
        if (scheduler.warmupSteps() < EPOCH_WARMUP_LIMIT) {
            return scheduler.warmupSteps() * batchesPerEpoch;
        }
        long steps = scheduler.seenImgWarmup() / batchSize;
        if (steps < 1) {
            throw ConfigException.badValue("SCHEDULER.seen_img_warmup", scheduler.seenImgWarmup(), "bad value", where,
                    ">= DATALOADER.batch_size (" + batchSize + ") so warmup lasts at least one iteration");
        }
        return steps;
    }

    private static long saveInterval(TrainConfig train, int batchSize, String where) {
        if (train.saveIter() > 0) {
            return train.saveIter();
        }
        long interval = train.seenImgSave() / batchSize;
        if (interval < 1) {
            throw ConfigException.badValue("TRAIN.seen_img_save", train.seenImgSave(), "bad value", where,
                    ">= DATALOADER.batch_size (" + batchSize + "), or set TRAIN.save_iter");
        }
        return interval;
    }
}
