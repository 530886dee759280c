package io.mdfe.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A pod spec found in a rendered object (Deployment, StatefulSet, Job or bare Pod) with its pod labels.
 *
 * @param owner "Kind/name" of the object that holds it
 * @param labels the pod's labels
 * @param spec the pod spec
 */
public record PodTemplate(String owner, Map<String, String> labels, PodSpec spec) {

    /**
     * @param objects rendered objects
     * @return every pod spec among them
     */
    public static List<PodTemplate> in(List<HasMetadata> objects) {
        return objects.stream().flatMap(PodTemplate::of).toList();
    }

    private static Stream<PodTemplate> of(HasMetadata o) {
        String owner = o.getKind() + "/" + o.getMetadata().getName();
        if (o instanceof Deployment d) {
            return Stream.of(new PodTemplate(owner, d.getSpec().getTemplate().getMetadata().getLabels(), d.getSpec().getTemplate().getSpec()));
        }
        if (o instanceof StatefulSet s) {
            return Stream.of(new PodTemplate(owner, s.getSpec().getTemplate().getMetadata().getLabels(), s.getSpec().getTemplate().getSpec()));
        }
        if (o instanceof Job j) {
            return Stream.of(new PodTemplate(owner, j.getSpec().getTemplate().getMetadata().getLabels(), j.getSpec().getTemplate().getSpec()));
        }
        if (o instanceof Pod p) {
            return Stream.of(new PodTemplate(owner, p.getMetadata().getLabels(), p.getSpec()));
        }
        return Stream.empty();
    }

    /** @return the pod's component label */
    public String component() {
        return Objects.requireNonNull(labels.get("app.kubernetes.io/component"), owner + " has no component label");
    }
}
