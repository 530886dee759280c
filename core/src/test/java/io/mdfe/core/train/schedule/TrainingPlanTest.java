package io.mdfe.core.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Plan arithmetic, save points and the errors for impossible data sizes. */
class TrainingPlanTest {

    private static MdfeConfig cfg(String... overrides) {
        return ConfigLoader.fromYamlString("", "test", List.of(overrides));
    }

    @Test
    void epochBasedSavesAtTheEndsOfTheListedEpochs() {
        TrainingPlan plan = TrainingPlan.of(cfg("DATALOADER.batch_size=10", "TRAIN.epochs=4",
                "TRAIN.save_epoch=[1,3,7]"), 95);
        assertEquals(10, plan.batchesPerEpoch());
        assertEquals(40, plan.totalIterations());
        // epoch 7 never comes in a 4-epoch run
        assertEquals(List.of(10L, 30L), LongStream.rangeClosed(1, 40).filter(plan::isSavePoint).boxed().toList());
        assertEquals(0, plan.epochOf(0));
        assertEquals(0, plan.epochOf(9));
        assertEquals(1, plan.epochOf(10));
        assertEquals(3, plan.epochOf(39));
    }

    @Test
    void iterationBasedSavesEverySeenImgSaveOverBatchSize() {
        TrainingPlan plan = TrainingPlan.of(cfg("TRAIN.epoch_based=False", "TRAIN.iterations=50",
                "DATALOADER.batch_size=8", "TRAIN.seen_img_save=100"), 1000);
        assertEquals(50, plan.totalIterations());
        assertEquals(1, plan.epochs());
        assertEquals(List.of(12L, 24L, 36L, 48L),
                LongStream.rangeClosed(1, 50).filter(plan::isSavePoint).boxed().toList());
    }

    @Test
    void saveIterOverridesSeenImgSave() {
        TrainingPlan plan = TrainingPlan.of(cfg("TRAIN.epoch_based=False", "TRAIN.iterations=20",
                "DATALOADER.batch_size=8", "TRAIN.save_iter=5", "TRAIN.seen_img_save=100"), 1000);
        assertTrue(plan.isSavePoint(5));
        assertTrue(plan.isSavePoint(20));
        assertFalse(plan.isSavePoint(12));
        assertFalse(plan.isSavePoint(0));
    }

    @Test
    void warmupBelowTenCountsEpochsFromTenOnImages() {
        assertEquals(3 * 13, TrainingPlan.of(cfg("DATALOADER.batch_size=8", "SCHEDULER.warmup_steps=3"), 100)
                .warmupSteps());
        assertEquals(1000 / 8, TrainingPlan.of(cfg("DATALOADER.batch_size=8", "SCHEDULER.warmup_steps=10",
                "SCHEDULER.seen_img_warmup=1000"), 100).warmupSteps());
        assertEquals(0, TrainingPlan.of(cfg("DATALOADER.batch_size=8", "SCHEDULER.warmup=none"), 100)
                .warmupSteps());
    }

    @Test
    void batchLargerThanTheDataIsAnErrorNamingTheKeyAndTheCount() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TrainingPlan.of(cfg("DATALOADER.batch_size=128"), 100));
        assertEquals("DATALOADER.batch_size", e.key());
        assertTrue(e.getMessage().contains("100"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void emptyDatasetIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlan.of(cfg(), 0));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void warmupOrSaveIntervalRoundingToZeroNamesTheKey() {
        ConfigException warm = assertThrows(ConfigException.class, () -> TrainingPlan.of(
                cfg("DATALOADER.batch_size=64", "SCHEDULER.warmup_steps=10", "SCHEDULER.seen_img_warmup=32"), 1000));
        assertEquals("SCHEDULER.seen_img_warmup", warm.key());
        ConfigException save = assertThrows(ConfigException.class, () -> TrainingPlan.of(
                cfg("TRAIN.epoch_based=False", "TRAIN.iterations=10", "DATALOADER.batch_size=64",
                        "TRAIN.seen_img_save=32"), 1000));
        assertEquals("TRAIN.seen_img_save", save.key());
    }
}
