package io.mdfe.trainer.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link TrainingWorker}: {@code --run-dir DIR --data-root DIR [--device DEV] [--detached]}.
 *
 * @param runDir the run folder
 * @param dataRoot the data directory
 * @param device a TRAIN.device override (a GPU pod's {@code cuda:0}), if any
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
     * @throws IllegalArgumentException naming the argument that is missing, unknown or lacks its value
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
        return new WorkerArguments(runDir, dataRoot, Optional.ofNullable(device), detached);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }
}
