package io.mdfe.core.train.schedule;

import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.config.SchedulerConfig;

/**
 * The upstream MDFE2 learning rate at optimizer step {@code t} (0-based):
 * <pre>
 *   lr(t) = cosine(T_cur) * warmup(t)
 *   cosine(T) = eta_min + (eta_base - eta_min) * (1 + cos(pi * T / T_max)) / 2
 * </pre>
 * with {@code eta_base = OPTIMIZER.lr}, {@code eta_min = SCHEDULER.min_lr} and
 * <ul>
 *   <li>SCHEDULER.epoch_based: {@code T_cur = epochOf(t)}, {@code T_max = plan.epochs()}
 *       (PyTorch {@code CosineAnnealingLR} stepped once at the end of each epoch);</li>
 *   <li>otherwise: {@code T_cur = t}, {@code T_max = plan.totalIterations()} (stepped after each
 *       iteration).</li>
 * </ul>
 * SCHEDULER.name {@code none} keeps the rate at {@code eta_base} (the same formula with
 * {@code eta_min = eta_base}).
 *
 * <p>The warmup ({@link Warmup}) counts iterations even when the cosine counts epochs: upstream
 * measures the warmup length in iterations ({@code warmup_steps < 10} epochs are converted with
 * {@code batches_per_epoch}, see {@link TrainingPlan}), so the factor is evaluated per iteration,
 * and multiplies the scheduled rate without feeding back into the cosine.
 */
public final class UpstreamSchedule implements LrSchedule {

    private final CosineAnnealing cosine;
    private final boolean epochBased;
    private final Warmup warmup;
    private final TrainingPlan plan;

    private UpstreamSchedule(CosineAnnealing cosine, boolean epochBased, Warmup warmup, TrainingPlan plan) {
        this.cosine = cosine;
        this.epochBased = epochBased;
        this.warmup = warmup;
        this.plan = plan;
    }

    /**
     * @param cfg  the run config (OPTIMIZER.lr and SCHEDULER.*)
     * @param plan the run's plan (epochs, iterations, warmup length)
     * @throws IllegalArgumentException naming SCHEDULER.name or SCHEDULER.warmup for an unknown value
     */
    public static UpstreamSchedule of(MdfeConfig cfg, TrainingPlan plan) {
        SchedulerConfig scheduler = cfg.scheduler();
        double base = cfg.optimizer().lr();
        long tMax = scheduler.epochBased() ? plan.epochs() : plan.totalIterations();
        double etaMin = switch (scheduler.name()) {
            case "cosine" -> scheduler.minLr();
            case "none" -> base;
            default -> throw new IllegalArgumentException(
                    "SCHEDULER.name: unknown value '" + scheduler.name() + "'; allowed: cosine, none");
        };
        return new UpstreamSchedule(new CosineAnnealing(base, etaMin, tMax), scheduler.epochBased(),
                Warmup.of(scheduler.warmup()), plan);
    }

    @Override
    public double lr(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        long tCur = epochBased ? plan.epochOf(step) : step;
        return cosine.at(tCur) * warmup.factor(step, plan.warmupSteps());
    }

    @Override
    public String toString() {
        return "UpstreamSchedule[" + cosine + ", per " + (epochBased ? "epoch" : "iteration") + ", warmup "
                + warmup.key() + " over " + plan.warmupSteps() + " iterations]";
    }
}
