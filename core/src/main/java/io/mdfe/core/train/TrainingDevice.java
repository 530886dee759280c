package io.mdfe.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.mdfe.core.config.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Picks the devices of {@code TRAIN.device} ({@code cpu} or upstream's {@code cuda:N}) and, with data
 * parallelism, {@code TRAIN.gpu_ids}, and refuses one that is not there, instead of failing later inside
 * the engine.
 */
public final class TrainingDevice {

    private TrainingDevice() {
    }

    /**
     * The training devices, the one holding the parameters first. Without data parallelism, or on the CPU,
     * that is {@code TRAIN.device} alone. With it (upstream's {@code --data_parallelism}, or
     * {@code TRAIN.data_parallel}) on a GPU: {@code TRAIN.device}, then the other GPUs of {@code TRAIN.gpu_ids},
     * or of all visible GPUs when the list is empty (a Kubernetes pod sees only its own).
     *
     * @param train the TRAIN section
     * @param dataParallel {@code --data_parallelism}
     * @throws IllegalArgumentException naming the key when a device is missing
     */
    public static List<Device> select(TrainConfig train, boolean dataParallel) {
        Device first = parse(train.device(), "TRAIN.device");
        if (!(dataParallel || train.dataParallel()) || !first.isGpu()) {
            return List.of(first);
        }
        int visible = Engine.getInstance().getGpuCount();
        List<Integer> ids = train.gpuIds().isEmpty()
                ? IntStream.range(0, visible).boxed().toList() : train.gpuIds();
        Set<Device> devices = new LinkedHashSet<>(List.of(first));
        for (int id : ids) {
            if (id >= visible) {
                throw new IllegalArgumentException("TRAIN.gpu_ids " + train.gpuIds() + ": GPU " + id
                        + " is not available, " + visible + " GPU(s) visible to PyTorch");
            }
            devices.add(Device.gpu(id));
        }
        return List.copyOf(devices);
    }

    /**
     * The config overrides of a {@code --device} option: {@code cpu} or {@code cuda:N} sets
     * {@code TRAIN.device}; a list {@code cuda:0,cuda:1,...} trains data-parallel over those GPUs, the
     * first holding the parameters ({@code TRAIN.device}, {@code TRAIN.gpu_ids}, {@code TRAIN.data_parallel}).
     *
     * @param value the option's value
     * @param option the option's name, named in errors
     * @throws IllegalArgumentException naming the option when a list holds anything but {@code cuda:N}, or twice
     */
    public static List<String> overrides(String value, String option) {
        String[] names = value.split(",", -1);
        if (names.length == 1) {
            return List.of("TRAIN.device=" + value);
        }
        List<Integer> ids = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.matches("(cuda|gpu):\\d+")) {
                throw new IllegalArgumentException(option + " '" + value + "': a list of devices trains data-parallel"
                        + " over GPUs, each cuda:N; got '" + name + "'");
            }
            int id = Integer.parseInt(trimmed.substring(trimmed.indexOf(':') + 1));
            if (ids.contains(id)) {
                throw new IllegalArgumentException(option + " '" + value + "': cuda:" + id + " is listed twice");
            }
            ids.add(id);
        }
        return List.of("TRAIN.device=cuda:" + ids.get(0),
                "TRAIN.gpu_ids=[" + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]",
                "TRAIN.data_parallel=True");
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
