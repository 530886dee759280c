package io.mdfe.core.train;

import io.mdfe.core.config.MdfeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a config may {@code --resume} a run trained with another: every key that changes what is
 * trained must match; keys about where the run goes, on what hardware, and how often it logs may differ.
 */
public final class ResumeCompatibility {

    /** Keys that may differ between a run and its resume. */
    public static final Set<String> FREE_KEYS = Set.of("MODEL.output_dir", "TRAIN.device", "TRAIN.gpu_ids",
            "TRAIN.data_parallel", "DATALOADER.num_workers", "DATASET.root", "TRAIN.print_freq");

    private ResumeCompatibility() {
    }

    /**
     * Checks {@code given} against the run's saved config.
     *
     * @throws IllegalArgumentException naming every differing key with both values
     */
    public static void require(MdfeConfig given, MdfeConfig saved, Path runDir) {
        Map<String, Object> a = given.values();
        Map<String, Object> b = saved.values();
        Set<String> differing = new TreeSet<>();
        for (String key : a.keySet()) {
            if (!FREE_KEYS.contains(key) && !Objects.equals(a.get(key), b.get(key))) {
                differing.add(key + " (" + b.get(key) + " in the run, " + a.get(key) + " now)");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalArgumentException("--resume " + runDir + " was trained with another config: "
                    + String.join(", ", differing));
        }
    }
}
