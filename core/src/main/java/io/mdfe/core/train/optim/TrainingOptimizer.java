package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A DJL {@link Optimizer} whose whole state can be saved with a checkpoint and loaded to resume
 * exactly. DJL's built-in optimizers keep their moment buffers private, which is why MDFE has its
 * own (see the package documentation).
 *
 * <p>Contract for the training loop: hand the optimizer to DJL's {@code DefaultTrainingConfig}
 * and call {@code trainer.step()} once per iteration; every trainable parameter is updated once
 * per step (one device: multi-device mirrors are rejected), its gradient is consumed and zeroed
 * afterwards, as DJL's own optimizers do. The learning rate of step {@code t} is
 * {@code schedule.lr(t)}, {@code t} being the global step, the number of completed steps before
 * this one. Before saving or loading state across processes, call {@link #nameParameters}: DJL
 * parameter ids are random per process, so the state is keyed by the block's parameter names.
 *
 * <p>Not thread-safe: one trainer thread drives it.
 */
public abstract class TrainingOptimizer extends Optimizer implements AutoCloseable {

    /** DJL's builder options (rescale, clipping, its own weight decay) are not used: upstream has none. */
    private static final class NoDjlOptions extends OptimizerBuilder<NoDjlOptions> {
        @Override
        protected NoDjlOptions self() {
            return this;
        }
    }

    /** Creates an optimizer with DJL's builder options left at their neutral defaults. */
    protected TrainingOptimizer() {
        super(new NoDjlOptions());
    }

    /** {@return the number of optimizer steps completed so far (restored by {@link #loadState})} */
    public abstract long completedSteps();

    /**
     * Keys the state by the block's parameter names instead of DJL's per-process random ids, so a
     * checkpoint written by one process loads in another.
     *
     * @param parameters the trained block's {@code getParameters()}: name to parameter
     */
    public abstract void nameParameters(PairList<String, Parameter> parameters);

    /**
     * Writes the step counters and every state buffer (bit-exact).
     *
     * Call it between steps (after {@code trainer.step()}).
     *
     * @throws IOException           when writing fails
     * @throws IllegalStateException when a SAM step is half done (perturbed, not restored)
     */
    public abstract void saveState(DataOutputStream out) throws IOException;

    /**
     * Replaces the state with one written by {@link #saveState} of the same optimizer type.
     *
     * @param in      the stream positioned at the state
     * @param manager owner of the loaded buffers (a sub-manager is created and closed by {@link #close})
     * @throws IOException when reading fails or the data is not this optimizer's state
     */
    public abstract void loadState(DataInputStream in, NDManager manager) throws IOException;

    /** Frees the state buffers. */
    @Override
    public abstract void close();
}
