package io.mdfe.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data-parallel replica's copy of the network's parameters on its device: the blocks read their
 * parameters through it, so a forward pass with it runs on the mirrors, and backward leaves the replica's
 * gradients on them, to be added to the parameters' own ({@link #addGradientsTo}).
 *
 * <p>DJL's own copy mode is not enough: the PyTorch engine's device copy returns the same tensor when the
 * device is the same (two CPU replicas would share, and both update, one tensor), and is made without
 * gradient tracking. Here every mirror is a tensor of its own, a leaf that collects its own gradient.
 */
final class ReplicaParameters extends ParameterStore {

    private final NDManager manager;
    private final Map<String, Mirror> mirrors = new LinkedHashMap<>();

    /** @param manager a manager on the replica's device, owning the mirrors; close it when the step is over */
    ReplicaParameters(NDManager manager) {
        super(manager, true);
        this.manager = manager;
    }

    private record Mirror(Parameter parameter, NDArray array) {
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null; // optional parameters, as in DJL's store
        }
        return mirrors.computeIfAbsent(parameter.getId(), id -> new Mirror(parameter, mirror(parameter, training)))
                .array();
    }

    private NDArray mirror(Parameter parameter, boolean training) {
        NDArray array = parameter.getArray();
        NDArray copy = array.getDevice().equals(manager.getDevice()) ? array.duplicate()
                : array.toDevice(manager.getDevice(), false);
        // detached: a leaf of the replica's own graph, whatever the engine's copy recorded
        NDArray leaf = copy.stopGradient();
        copy.close();
        leaf.attach(manager);
        if (parameter.requiresGradient() && training) {
            leaf.setRequiresGradient(true);
        }
        return leaf;
    }

    /** Adds each mirror's gradient to its parameter's own gradient, on the parameter's device. */
    void addGradientsTo() {
        for (Mirror m : mirrors.values()) {
            if (!m.array().hasGradient()) {
                continue; // frozen parameters and batch-norm running statistics
            }
            NDArray own = m.parameter().getArray();
            try (NDArray gradient = m.array().getGradient();
                 NDArray moved = gradient.toDevice(own.getDevice(), false);
                 NDArray target = own.getGradient()) {
                target.addi(moved);
            }
        }
    }
}
