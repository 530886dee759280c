package io.mdfe.trainer.worker;

import io.mdfe.core.train.TrainingDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link TrainingWorker}: {@code --run-dir DIR --data-root DIR [--device DEV] [--detached]}.
 *
 * @param runDir the run folder
 * @param dataRoot the data directory
 * @param device a device override (a GPU pod's {@code cuda:0}, or {@code cuda:0,cuda:1,...} to train data-parallel over
 *               its GPUs; see {@code TrainingDevice.overrides}), if any
 * @param detached whether no service holds the worker's standard input (a Kubernetes Job pod)
 */
public record WorkerArguments(Path runDir, Path dataRoot, Optional<String> device, boolean detached) {

    /** The flag of a worker in a Kubernetes Job pod. */
    public static final String DETACHED = "--detached";
    /** The flag of the device override. */
    public static final String DEVICE = "--device";

    /**
     * @param args the arguments
     * @return them parsed
     * @throws IllegalArgumentException naming the argument that is missing, unknown, lacks its value, or (a device
     *                                  list) is not a list of distinct GPUs
     */
    public static WorkerArguments parse(List<String> args) {
        Path runDir = null;
        Path dataRoot = null;
        String device = null;
        boolean detached = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--run-dir" -> runDir = Path.of(value(args, ++i, arg));
                case "--data-root" -> dataRoot = Path.of(value(args, ++i, arg));
                case DEVICE -> device = value(args, ++i, arg);
                case DETACHED -> detached = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (runDir == null || dataRoot == null) {
            throw new IllegalArgumentException("missing " + (runDir == null ? "--run-dir" : "--data-root"));
        }
        WorkerArguments parsed = new WorkerArguments(runDir, dataRoot, Optional.ofNullable(device), detached);
        parsed.overrides(); // a bad device list is a bad argument
        return parsed;
    }

    /**
     * {@return the config overrides of the device option, none without it}
     * @throws IllegalArgumentException naming {@code --device} when its list is not of distinct GPUs
     */
    public List<String> overrides() {
        return device.map(d -> TrainingDevice.overrides(d, DEVICE)).orElse(List.of());
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }
}
