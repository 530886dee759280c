package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sharpness-Aware Minimisation (Foret et al. 2021, https://arxiv.org/abs/2010.01412) around a
 * base optimizer: the base update is taken with the gradient at the worst nearby point
 * {@code w + e_w}, where
 * <pre>
 *   e_w = rho * g / (||g||_2 + 1e-12)      (rho = 0.05, the norm over ALL parameters' gradients)
 * </pre>
 *
 * <p>Two-pass protocol the training loop must follow for every step:
 * <ol>
 *   <li>pass 1: forward + backward in a {@code GradientCollector} (gradients g at w); close it;</li>
 *   <li>{@link #perturb}(params): {@code w += e_w}; it remembers e_w and zeroes the pass-1
 *       gradients;</li>
 *   <li>pass 2: forward + backward on the same batch in a new {@code GradientCollector}
 *       (gradients at w + e_w); close it;</li>
 *   <li>{@link #restore}(params): {@code w -= e_w};</li>
 *   <li>{@code trainer.step()}: the base optimizer updates w with the pass-2 gradients and zeroes
 *       them.</li>
 * </ol>
 * {@code perturb} and {@code restore} change weights in place, so they must run outside an open
 * {@code GradientCollector}; {@code params} are the trainable parameters (the same list both
 * times). The rate, step counting and saved state are the base optimizer's; e_w is not saved
 * (checkpoints are written between steps, when it is empty).
 */
public final class SamOptimizer extends TrainingOptimizer {

    /** SAM neighbourhood radius, as upstream. */
    public static final double RHO = 0.05;
    /** Keeps the scale finite when all gradients are zero. */
    static final double NORM_EPS = 1e-12;

    private final TrainingOptimizer base;
    private final Map<String, NDArray> perturbation = new LinkedHashMap<>();

    /** @param base the optimizer taking the actual step (Adam or AdamW upstream) */
    public SamOptimizer(TrainingOptimizer base) {
        this.base = base;
    }

    /** {@return the wrapped optimizer} */
    public TrainingOptimizer base() {
        return base;
    }

    /**
     * First half of a SAM step: {@code w += e_w} for every trainable parameter with a gradient;
     * then zeroes those gradients for pass 2.
     *
     * @param params the trainable parameters, holding the pass-1 gradients
     * @throws IllegalStateException when the previous perturbation was not restored
     */
    public void perturb(List<Parameter> params) {
        if (!perturbation.isEmpty()) {
            throw new IllegalStateException("SAM perturb called twice without restore in between");
        }
        double sumOfSquares = 0;
        for (Parameter p : params) {
            if (hasGradient(p)) {
                try (NDArray g = p.getArray().getGradient(); NDArray norm = g.norm()) {
                    double n = norm.getFloat();
                    sumOfSquares += n * n;
                }
            }
        }
        float scale = (float) (RHO / ((float) Math.sqrt(sumOfSquares) + NORM_EPS));
        for (Parameter p : params) {
            if (hasGradient(p)) {
                NDArray w = p.getArray();
                try (NDArray g = w.getGradient()) {
                    NDArray e = g.mul(scale);
                    w.addi(e);
                    perturbation.put(p.getId(), e);
                    g.subi(g);
                }
            }
        }
    }

    /**
     * Second half: {@code w -= e_w} for the parameters {@link #perturb} moved.
     *
     * @param params the same parameters given to {@code perturb}
     * @throws IllegalStateException when {@code perturb} did not run, or a perturbed parameter is missing
     */
    public void restore(List<Parameter> params) {
        if (perturbation.isEmpty()) {
            throw new IllegalStateException("SAM restore called without perturb");
        }
        Set<String> restored = new HashSet<>();
        for (Parameter p : params) {
            NDArray e = perturbation.get(p.getId());
            if (e != null) {
                p.getArray().subi(e);
                restored.add(p.getId());
            }
        }
        if (restored.size() != perturbation.size()) {
            throw new IllegalStateException("SAM restore got " + restored.size() + " of the "
                    + perturbation.size() + " perturbed parameters; pass the same list as to perturb");
        }
        clearPerturbation();
    }

    /** {@return whether a perturbation is applied and not yet restored} */
    public boolean isPerturbed() {
        return !perturbation.isEmpty();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (isPerturbed()) {
            throw new IllegalStateException("SAM step taken while perturbed: call restore before trainer.step()");
        }
        base.update(parameterId, weight, grad);
    }

    @Override
    public long completedSteps() {
        return base.completedSteps();
    }

    @Override
    public void nameParameters(PairList<String, Parameter> parameters) {
        base.nameParameters(parameters);
    }

    @Override
    public void saveState(DataOutputStream out) throws IOException {
        if (isPerturbed()) {
            throw new IllegalStateException("cannot save SAM state between perturb and restore");
        }
        base.saveState(out);
    }

    @Override
    public void loadState(DataInputStream in, NDManager manager) throws IOException {
        base.loadState(in, manager);
    }

    @Override
    public void close() {
        clearPerturbation();
        base.close();
    }

    private void clearPerturbation() {
        perturbation.values().forEach(NDArray::close);
        perturbation.clear();
    }

    private static boolean hasGradient(Parameter p) {
        return p.requiresGradient() && p.getArray().hasGradient();
    }
}
