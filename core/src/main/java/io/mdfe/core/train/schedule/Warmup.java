package io.mdfe.core.train.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The warmup multiplier of {@code SCHEDULER.warmup}, applied per iteration {@code t} (0-based)
 * with {@code W} warmup steps:
 * <ul>
 *   <li>{@code linear}: {@code min(1, (t + 1) / W)}</li>
 *   <li>{@code exponential}: {@code 1 - exp(-(t + 1) / W)} (approaches 1, never reaches it; it is
 *       applied at every step, not only for {@code t < W}, so the rate has no jump at {@code W})</li>
 *   <li>{@code none}: {@code 1}</li>
 * </ul>
 */
public enum Warmup {
    /** {@code min(1, (t + 1) / W)}. */
    LINEAR,
    /** {@code 1 - exp(-(t + 1) / W)}. */
    EXPONENTIAL,
    /** No warmup: 1. */
    NONE;

    /**
     * @param step        the 0-based iteration
     * @param warmupSteps W, the warmup length in iterations ({@code >= 1} unless NONE)
     * @return the multiplier for the scheduled learning rate
     */
    public double factor(long step, long warmupSteps) {
        return switch (this) {
            case LINEAR -> Math.min(1.0, (step + 1) / (double) warmupSteps);
            case EXPONENTIAL -> 1.0 - Math.exp(-(step + 1) / (double) warmupSteps);
            case NONE -> 1.0;
        };
    }

    /** {@return the upstream spelling, e.g. "linear"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key the value of SCHEDULER.warmup
     * @throws IllegalArgumentException naming SCHEDULER.warmup and the valid values
     */
    public static Warmup of(String key) {
        for (Warmup w : values()) {
            if (w.key().equals(key)) {
                return w;
            }
        }
        throw new IllegalArgumentException("SCHEDULER.warmup: unknown value '" + key + "'; allowed: "
                + Arrays.stream(values()).map(Warmup::key).collect(Collectors.joining(", ")));
    }
}
