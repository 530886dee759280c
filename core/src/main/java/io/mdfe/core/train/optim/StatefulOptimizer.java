package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.mdfe.core.train.schedule.LrSchedule;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Base of the single-pass optimizers: it counts global steps, reads the learning rate of the
 * current step from the {@link LrSchedule}, keeps one {@link ParameterState} per parameter,
 * zeroes the parameter's gradient after the update and (de)serialises everything. Subclasses
 * implement only the update rule, {@link #apply}.
 *
 * <p>State format: {@code "MDFE-OPTIM"}, version, optimizer type, completed steps, then per
 * parameter (sorted by key) its key, update count and named buffers ({@code NDArray.encode}).
 */
abstract class StatefulOptimizer extends TrainingOptimizer {

    private static final String MAGIC = "MDFE-OPTIM";
    private static final int VERSION = 1;

    private final LrSchedule schedule;
    private final GlobalStep globalStep = new GlobalStep();
    private final Map<String, ParameterState> states = new TreeMap<>();
    private final Map<String, String> nameById = new HashMap<>();
    /** Set by {@link #loadState}: an update of a parameter the loaded state lacks is then an error. */
    private boolean resumed;
    private NDManager stateManager;

    StatefulOptimizer(LrSchedule schedule) {
        this.schedule = schedule;
    }

    /**
     * The update rule for one parameter.
     *
     * @param state  the parameter's state, already counting this update
     * @param weight the parameter, updated in place
     * @param grad   its gradient; may be modified in place (it is consumed)
     * @param lr     the learning rate of this step
     */
    abstract void apply(ParameterState state, NDArray weight, NDArray grad, double lr);

    /** {@return the type written into the state, checked on load} */
    abstract String typeName();

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        String key = nameById.getOrDefault(parameterId, parameterId);
        long step = globalStep.enter(key);
        ParameterState state = states.get(key);
        if (state == null) {
            if (resumed) {
                throw new IllegalStateException("the loaded optimizer state has no entry for parameter " + key
                        + " (keys: " + states.keySet() + "); call nameParameters before loadState");
            }
            state = new ParameterState(stateManager(weight), weight.getDevice());
            states.put(key, state);
        }
        state.checkDevice(key, weight.getDevice());
        state.countUpdate();
        apply(state, weight, grad, schedule.lr(step));
        // DJL's trainer hands us a copy of the gradient; the parameter's own one must be zeroed
        // here, as DJL's optimizers do, or the next backward pass would add to it.
        try (NDArray own = weight.getGradient()) {
            own.subi(own);
        }
    }

    @Override
    public final long completedSteps() {
        return globalStep.completed();
    }

    @Override
    public final void nameParameters(PairList<String, Parameter> parameters) {
        nameById.clear();
        for (Pair<String, Parameter> p : parameters) {
            nameById.put(p.getValue().getId(), p.getKey());
        }
    }

    @Override
    public final void saveState(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(typeName());
        out.writeLong(globalStep.completed());
        out.writeInt(states.size());
        for (Map.Entry<String, ParameterState> e : states.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().write(out);
        }
    }

    @Override
    public final void loadState(DataInputStream in, NDManager manager) throws IOException {
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException("not MDFE optimizer state (missing " + MAGIC + " header)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported optimizer state version " + version + " (this build reads " + VERSION + ")");
        }
        String type = in.readUTF();
        if (!type.equals(typeName())) {
            throw new IOException("optimizer state was written by " + type + ", cannot load it into " + typeName()
                    + " (OPTIMIZER.name changed?)");
        }
        long completed = in.readLong();
        int count = in.readInt();
        NDManager loaded = manager.newSubManager();
        Map<String, ParameterState> read = new TreeMap<>();
        try {
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                read.put(key, ParameterState.read(in, loaded));
            }
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
        close();
        stateManager = loaded;
        states.putAll(read);
        globalStep.restore(completed);
        resumed = true;
    }

    @Override
    public final void close() {
        states.clear();
        if (stateManager != null) {
            stateManager.close();
            stateManager = null;
        }
    }

    private NDManager stateManager(NDArray weight) {
        if (stateManager == null) {
            stateManager = weight.getManager().newSubManager();
        }
        return stateManager;
    }
}
