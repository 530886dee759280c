package io.mdfe.core.train.schedule;

/**
 * PyTorch {@code CosineAnnealingLR} in closed form:
 * {@code eta(T_cur) = eta_min + (eta_base - eta_min) * (1 + cos(pi * T_cur / T_max)) / 2}.
 * PyTorch computes the same curve recursively; the two agree to rounding (golden test: 1e-9).
 * Past {@code T_max} the curve rises again, as PyTorch's does.
 *
 * @param baseLr eta_base, the peak rate (OPTIMIZER.lr)
 * @param minLr  eta_min (SCHEDULER.min_lr)
 * @param tMax   T_max, in the units {@code T_cur} counts (epochs or iterations), {@code >= 1}
 */
public record CosineAnnealing(double baseLr, double minLr, long tMax) {

    /** Checks {@code tMax >= 1}. */
    public CosineAnnealing {
        if (tMax < 1) {
            throw new IllegalArgumentException("cosine annealing needs T_max >= 1, got " + tMax);
        }
    }

    /** {@return the annealed rate after {@code tCur} scheduler steps} */
    public double at(long tCur) {
        return minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * tCur / tMax)) / 2;
    }
}
