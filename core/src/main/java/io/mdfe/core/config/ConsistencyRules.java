package io.mdfe.core.config;

import io.mdfe.core.config.schema.ValueType;

/**
 * Checks between keys that no single key's constraint can express. Only configuration-level
 * facts belong here; whether a backbone type or dataset exists is checked by their registries.
 */
final class ConsistencyRules {

    private ConsistencyRules() {
    }

    /** @throws ConfigException naming the key that contradicts another, and what would be allowed */
    static void check(MdfeConfig config) {
        String where = config.source().describe();
        TransformConfig transform = config.transform();
        if (transform.mean().isEmpty() != transform.std().isEmpty()) {
            String missing = transform.mean().isEmpty() ? "TRANSFORM.mean" : "TRANSFORM.std";
            fail(missing, "[]", where, "3 values, because " + other(missing) + " is given (or leave both empty)");
        }
        HeadConfig head = config.model().head();
        if (head.mMin() > head.mMax()) {
            fail("MODEL.HEAD.m_min", head.mMin(), where, "<= MODEL.HEAD.m_max (" + head.mMax() + ")");
        }
        ModelConfig model = config.model();
        if (model.neck().neckType().equals("pooling") && model.embeddingDim() > model.backbone().outputDim()) {
            fail("MODEL.embedding_dim", model.embeddingDim(), where,
                    "<= MODEL.BACKBONE.output_dim (" + model.backbone().outputDim() + ") with the pooling neck");
        }
        TrainConfig train = config.train();
        if (!train.epochBased() && train.iterations() == 0) {
            fail("TRAIN.iterations", 0, where, "value >= 1 when TRAIN.epoch_based is False");
        }
        if (train.dataParallel() && train.device().equals("cpu")) {
            // empty TRAIN.gpu_ids is fine: all visible GPUs (TrainingDevice.select)
            fail("TRAIN.data_parallel", "True", where, "False unless TRAIN.device is cuda");
        }
        SchedulerConfig scheduler = config.scheduler();
        if (!scheduler.warmup().equals("none") && scheduler.warmupSteps() < 1) {
            fail("SCHEDULER.warmup_steps", scheduler.warmupSteps(), where,
                    "value >= 1 with SCHEDULER.warmup " + scheduler.warmup() + " (or set SCHEDULER.warmup none)");
        }
        double lr = config.optimizer().lr();
        if (scheduler.name().equals("cosine") && scheduler.minLr() > lr) {
            fail("SCHEDULER.min_lr", ValueType.literal(scheduler.minLr()), where, "<= OPTIMIZER.lr (" + ValueType.literal(lr) + ") with the cosine schedule");
        }
    }

    private static String other(String transformKey) {
        return transformKey.equals("TRANSFORM.mean") ? "TRANSFORM.std" : "TRANSFORM.mean";
    }

    private static void fail(String key, Object value, String where, String allowed) {
        throw ConfigException.badValue(key, value, "bad value", where, allowed);
    }
}
