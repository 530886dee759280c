package io.mdfe.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.mdfe.core.config.TrainConfig;
import java.util.Locale;

/**
 * Picks the device of {@code TRAIN.device} ({@code cpu} or upstream's {@code cuda:N}) and refuses one
 * that is not there, instead of failing later inside the engine.
 */
public final class TrainingDevice {

    private TrainingDevice() {
    }

    /**
     * @param train the TRAIN section
     * @param dataParallel {@code --data_parallelism}: spread batches over {@code TRAIN.gpu_ids}
     * @throws IllegalArgumentException naming the key when the device is missing or the request unsupported
     */
    public static Device select(TrainConfig train, boolean dataParallel) {
        if (dataParallel) {
            int gpus = Engine.getInstance().getGpuCount();
            // one device per process: the optimizers keep a single copy of each parameter
            throw new IllegalArgumentException("--data_parallelism over TRAIN.gpu_ids " + train.gpuIds()
                    + " is not supported yet (" + gpus + " GPU(s) visible); train on one device with TRAIN.device");
        }
        return parse(train.device(), "TRAIN.device");
    }

    /**
     * Parses a device name ({@code cpu}, {@code cuda}, {@code cuda:N}) and checks it is present.
     *
     * @param key the config key or option the name came from, named in errors
     */
    public static Device parse(String value, String key) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.matches("(cuda|gpu)(:\\d+)?")) {
            int id = name.contains(":") ? Integer.parseInt(name.substring(name.indexOf(':') + 1)) : 0;
            int gpus = Engine.getInstance().getGpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException(key + " '" + value + "' is not available: " + gpus
                        + " GPU(s) visible to PyTorch (CPU build, or no CUDA driver); use cpu, or build with -Pgpu"
                        + " on a GPU node");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException(key + ": unknown value '" + value + "'; allowed: cpu, cuda:N");
    }
}
