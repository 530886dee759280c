package io.mdfe.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.mdfe.core.model.AutogradScalars;
import io.mdfe.core.model.TrainingNetwork;
import io.mdfe.core.model.backbone.TorchScriptBackbone;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's {@code --data_parallelism} ({@code torch.nn.DataParallel}) for the training loop: each batch
 * is split into one contiguous shard per device, every replica runs forward and backward on its shard, and
 * the parameters are left with the gradient of the whole batch's mean loss, ready for a single optimizer
 * step ({@code trainer.step()}).
 *
 * <p>How, as {@code torch.nn.DataParallel}: replica 0 is the trainer itself, on the parameters
 * of the first device. Replica i runs the same network on its own mirrors of the parameters on device i
 * ({@link ReplicaParameters}), made afresh for every pass as torch replicates per forward, so an optimizer
 * step or a SAM perturbation reaches every replica. Each replica's shard mean loss is weighted by the
 * shard's share of the batch before its backward pass, and the replicas' gradients are then added to the
 * parameters' own: the sum is the gradient of the whole batch's mean loss, the same as one replica on the
 * whole batch (up to float rounding) for every model whose loss is a mean of independent per-sample terms.
 *
 * <p>Not per-sample independent, as in upstream's DataParallel: batch-norm layers training their statistics
 * (a trainable demo-cnn backbone) normalise each shard by its own statistics, and only replica 0's running
 * statistics are kept; the stateful heads (AdaCos, CurricularFace, AdaFace) update their state from each
 * shard, every replica starting from the step's state, and keep replica 0's update; dropout draws
 * different masks. Frozen backbones run in inference mode and are exact. A TorchScript backbone runs on its
 * own weights on the first device, so over several GPUs it is refused unless the steps train on cached
 * features (a frozen backbone with a deterministic transform).
 *
 * <p>Why not DJL's multi-device {@code Trainer} ({@code optDevices(gpu0, gpu1)}): its parameter server sums
 * the per-device gradients but calls the optimizer once per device mirror, while the MDFE optimizers keep
 * one state per parameter (AdamW would count each step twice); it refuses a device twice, so it cannot be
 * tested with two CPU replicas; and it sums the shards' mean losses, which is not the batch mean for uneven
 * shards. The replicas run from one thread because DJL's PyTorch gradient collector is one per JVM; CUDA
 * queues each device's kernels asynchronously, so the GPUs still overlap.
 */
public final class DataParallel {

    private final Trainer trainer;
    private final TrainingNetwork network;
    private final List<Device> devices;

    /**
     * @param trainer the trainer of {@code network}, on {@code devices.get(0)}; it holds the optimizer and loss
     * @param network the trained network
     * @param devices the replicas' devices, the trainer's first; the same device may appear more than once
     */
    public DataParallel(Trainer trainer, TrainingNetwork network, List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("data parallelism needs at least one device");
        }
        boolean severalDevices = devices.stream().distinct().count() > 1;
        if (severalDevices && !network.featureInput() && network.embedding().backbone() instanceof TorchScriptBackbone) {
            // a TorchScript module runs on its own weights, not through the replica's mirrors, on one device
            throw new IllegalArgumentException("data parallelism over " + devices + " (TRAIN.data_parallel,"
                    + " --data_parallelism or a --device list) cannot replicate the TorchScript backbone "
                    + network.embedding().backbone().info().modelName() + " (MODEL.BACKBONE.type "
                    + network.embedding().backbone().info().type() + "), which is loaded on " + devices.get(0)
                    + " only: train on one GPU, or freeze the backbone (MODEL.BACKBONE.freeze_backbone) with a"
                    + " deterministic transform so the steps train on cached features");
        }
        this.trainer = trainer;
        this.network = network;
        this.devices = List.copyOf(devices);
    }

    /** {@return the replicas' devices, the first holding the parameters} */
    public List<Device> devices() {
        return devices;
    }

    /**
     * Forward and backward on every shard: the parameters' gradients grow by the gradient of the whole
     * batch's mean loss.
     *
     * @param x the batch, on the first device
     * @param labels the labels of its rows, on the first device
     * @return the whole batch's mean loss
     */
    public double forwardBackward(NDArray x, NDList labels) {
        int rows = Math.toIntExact(x.getShape().get(0));
        int[] bounds = shardBounds(rows, devices.size());
        // the head's state as the step found it: every replica starts from it, like torch's replicas
        byte[] headState = network.head().stateSnapshot();
        List<ReplicaParameters> replicas = new ArrayList<>();
        double loss = 0;
        try (NDManager mirrors = trainer.getManager().newSubManager();
             GradientCollector collector = trainer.newGradientCollector()) {
            // replica 0 last: its head-state update is the one kept, as torch keeps device 0's
            for (int i = devices.size() - 1; i >= 0; i--) {
                int from = bounds[i];
                int to = bounds[i + 1];
                if (from == to) {
                    continue; // fewer rows than replicas
                }
                network.head().restoreState(headState);
                NDIndex shard = new NDIndex("{}:{}", from, to);
                Device device = devices.get(i);
                NDList data = new NDList(x.get(shard).toDevice(device, false));
                NDList shardLabels = new NDList(labels.stream().map(a -> a.get(shard).toDevice(device, false)).toList());
                NDList logits;
                if (i == 0) {
                    logits = trainer.forward(data, shardLabels);
                } else {
                    ReplicaParameters replica = new ReplicaParameters(mirrors.newSubManager(device));
                    replicas.add(replica);
                    logits = network.forward(replica, data, shardLabels, null);
                }
                NDArray shardLoss = trainer.getLoss().evaluate(shardLabels, logits);
                NDArray weighted = shardLoss.mul(AutogradScalars.of(shardLoss, (float) (to - from) / rows));
                collector.backward(weighted);
                loss += weighted.getFloat();
            }
            replicas.forEach(ReplicaParameters::addGradientsTo);
        }
        return loss;
    }

    /**
     * Contiguous shards as even as possible, the first ones one row longer: shard i is rows
     * {@code [bounds[i], bounds[i + 1])}.
     */
    static int[] shardBounds(int rows, int replicas) {
        int[] bounds = new int[replicas + 1];
        for (int i = 0; i < replicas; i++) {
            bounds[i + 1] = bounds[i] + rows / replicas + (i < rows % replicas ? 1 : 0);
        }
        return bounds;
    }
}
