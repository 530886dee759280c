package io.mdfe.core.train;

/**
 * The loss became NaN or infinite. The step's update was not applied, so the last checkpoint is the
 * last good state; the message names the step and suggests the usual causes.
 */
public final class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * @param step the 1-based step whose loss was not finite
     * @param loss the value
     */
    public NonFiniteLossException(long step, double loss) {
        super("loss is " + loss + " at step " + step + "; training stopped, the last checkpoint is intact"
                + " (lower OPTIMIZER.lr or MODEL.HEAD.s, check the data)");
        this.step = step;
    }

    /** The step whose loss was not finite. */
    public long step() {
        return step;
    }
}
