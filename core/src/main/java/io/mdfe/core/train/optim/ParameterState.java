package io.mdfe.core.train.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parameter's optimizer state: its own update count (PyTorch's {@code state['step']}, which
 * Adam's bias correction uses) and named buffers such as {@code exp_avg}. Buffers are owned by
 * the optimizer's state manager, not by the model.
 */
final class ParameterState {

    private final NDManager manager;
    private final Device device;
    private long updates;
    private final Map<String, NDArray> buffers = new TreeMap<>();

    /** @param device where the parameter and its buffers live */
    ParameterState(NDManager manager, Device device) {
        this.manager = manager;
        this.device = device;
    }

    /** Counts one more update of this parameter. */
    void countUpdate() {
        updates++;
    }

    /** {@return this parameter's updates so far, the current one included (PyTorch's state['step'])} */
    long countedUpdates() {
        return updates;
    }

    /** {@return the buffer called {@code name}, or null before it first exists} */
    NDArray buffer(String name) {
        return buffers.get(name);
    }

    /** {@return the buffer called {@code name}, created as zeros like {@code like} when absent} */
    NDArray bufferOrZeros(String name, NDArray like) {
        return buffers.computeIfAbsent(name, k -> manager.zeros(like.getShape(), like.getDataType(), device));
    }

    /** Stores {@code array} (moved to this state's manager) as buffer {@code name}. */
    void put(String name, NDArray array) {
        array.attach(manager);
        buffers.put(name, array);
    }

    /** @throws IllegalStateException when an update comes for a copy of the parameter on another device */
    void checkDevice(String key, Device updateDevice) {
        if (!device.equals(updateDevice)) {
            throw new IllegalStateException("optimizer state of parameter " + key + " lives on " + device
                    + " but an update came on " + updateDevice + ": the MDFE optimizers support one device"
                    + " (data parallelism updates the parameters on the first device only)");
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(updates);
        out.writeInt(buffers.size());
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            out.writeUTF(e.getKey());
            byte[] bytes = e.getValue().encode();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static ParameterState read(DataInputStream in, NDManager manager) throws IOException {
        ParameterState state = new ParameterState(manager, manager.getDevice());
        state.updates = in.readLong();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            state.buffers.put(name, NDArray.decode(manager, bytes));
        }
        return state;
    }
}
