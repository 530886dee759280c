package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** What one training pod gets: GPUs ({@code nvidia.com/gpu}), CPU and memory (Kubernetes quantities). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingResources {

    /** Kubernetes quantity syntax, e.g. 4, 500m, 16Gi. */
    static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

    @Min(0)
    @Max(16)
    @Default("0")
    private Integer gpus = 0;
    @Pattern(QUANTITY)
    private String cpu;
    @Pattern(QUANTITY)
    private String memory;

    public Integer getGpus() { return gpus; }
    public void setGpus(Integer gpus) { this.gpus = gpus; }
    public String getCpu() { return cpu; }
    public void setCpu(String cpu) { this.cpu = cpu; }
    public String getMemory() { return memory; }
    public void setMemory(String memory) { this.memory = memory; }
}
