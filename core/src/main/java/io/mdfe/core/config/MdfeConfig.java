package io.mdfe.core.config;

import io.mdfe.core.config.binding.RecordBinder;
import io.mdfe.core.config.binding.YamlWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete, checked MDFE2 run configuration: one component per upstream section, plus where it
 * came from. Build it with {@link ConfigLoader}. {@code toString} lists every value.
 * Equality compares values only: the same settings loaded from two places are equal configs.
 *
 * @param seed       SEED
 * @param model      MODEL
 * @param dataset    DATASET
 * @param dataloader DATALOADER
 * @param transform  TRANSFORM
 * @param train      TRAIN
 * @param loss       LOSS
 * @param optimizer  OPTIMIZER
 * @param scheduler  SCHEDULER
 * @param source     provenance: file and overrides (not a config key)
 */
public record MdfeConfig(int seed, ModelConfig model, DatasetConfig dataset, DataloaderConfig dataloader,
                         TransformConfig transform, TrainConfig train, LossConfig loss, OptimizerConfig optimizer,
                         SchedulerConfig scheduler, ConfigSource source) {

    /** Record components that are not config keys. */
    static final List<Class<?>> CONTEXT_TYPES = List.of(ConfigSource.class);

    /** {@return every resolved value by full upstream key (e.g. "MODEL.HEAD.k"), in schema order} */
    public Map<String, Object> values() {
        return RecordBinder.values(this, CONTEXT_TYPES);
    }

    /**
     * {@return all resolved values as upstream-style nested YAML; {@link ConfigLoader#fromYamlString}
     * reads it back to an equal config}
     */
    public String toYaml() {
        return YamlWriter.write(values(), List.of("MDFE2 config, all values resolved", "source: " + source.describe()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MdfeConfig other && values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, model, dataset, dataloader, transform, train, loss, optimizer, scheduler);
    }
}
