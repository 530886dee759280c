package io.mdfe.core.train.optim;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.OptimizerConfig;
import io.mdfe.core.train.schedule.LrSchedule;
import java.util.List;

/**
 * Builds the optimizer named by OPTIMIZER.name (the upstream spellings): {@code SGD},
 * {@code Adam}, {@code AdamW}, and {@code SAM_Adam} / {@code SAM_AdamW} ({@link SamOptimizer}
 * around Adam / AdamW). OPTIMIZER.lr enters through the schedule, whose peak rate it is.
 */
public final class OptimizerRegistry {

    private static final List<String> NAMES = List.of("SGD", "Adam", "AdamW", "SAM_Adam", "SAM_AdamW");

    private OptimizerRegistry() {
    }

    /** {@return the valid OPTIMIZER.name values} */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param cfg      OPTIMIZER: name, weight_decay, momentum
     * @param schedule the learning rate per global step
     * @throws ConfigException naming OPTIMIZER.name and the valid names for an unknown name
     */
    public static TrainingOptimizer create(OptimizerConfig cfg, LrSchedule schedule) {
        double wd = cfg.weightDecay();
        return switch (cfg.name()) {
            case "SGD" -> new SgdOptimizer(schedule, wd, cfg.momentum());
            case "Adam" -> new AdamOptimizer(schedule, wd);
            case "AdamW" -> new AdamWOptimizer(schedule, wd);
            case "SAM_Adam" -> new SamOptimizer(new AdamOptimizer(schedule, wd));
            case "SAM_AdamW" -> new SamOptimizer(new AdamWOptimizer(schedule, wd));
            default -> throw ConfigException.badValue("OPTIMIZER.name", cfg.name(), "unknown value", "",
                    String.join(", ", NAMES));
        };
    }
}
