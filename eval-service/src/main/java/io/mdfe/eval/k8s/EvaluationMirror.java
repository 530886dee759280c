package io.mdfe.eval.k8s;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.k8s.api.v1alpha1.Evaluation;
import io.mdfe.k8s.api.v1alpha1.EvaluationSpec;
import io.mdfe.k8s.api.v1alpha1.IndexBackend;
import io.mdfe.k8s.api.v1alpha1.IndexSpec;
import io.mdfe.k8s.api.v1alpha1.Metric;
import io.mdfe.k8s.api.v1alpha1.ModelSource;
import io.mdfe.k8s.api.v1alpha1.Protocol;
import io.mdfe.k8s.api.v1alpha1.Split;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the Evaluation resource of an evaluation asked for over gRPC or by a training event, so that
 * {@code kubectl get evaluations} lists every evaluation: named after the job, labelled by its trigger, annotated
 * with its job id (which marks it as a mirror: the reconciler copies that job's state into it and never runs it).
 */
final class EvaluationMirror {

    /** Annotation of a mirrored resource: the eval-service job it shows. */
    static final String EVALUATION_ID = "mdfe.io/evaluation-id";
    /** Annotation of a mirrored resource: the training run of a checkpoint or final evaluation. */
    static final String RUN_ID = "mdfe.io/run-id";
    /** Label of a mirrored resource: request (gRPC), checkpoint or final (training events). */
    static final String TRIGGER = "mdfe.io/trigger";

    private final KubernetesClient client;

    EvaluationMirror(KubernetesClient client) {
        this.client = client;
    }

    /** {@return the resource name of a job's mirror} */
    static String name(EvaluationJob job) {
        return job.trigger().eventName() + "-" + job.id().toLowerCase(Locale.ROOT);
    }

    /**
     * @param job an evaluation not asked for by a resource
     * @return its resource, created when missing
     */
    Evaluation ensure(EvaluationJob job) {
        Evaluation existing = client.resources(Evaluation.class).withName(name(job)).get();
        if (existing != null) {
            return existing;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(EVALUATION_ID, job.id());
        if (job.runId() != null) {
            annotations.put(RUN_ID, job.runId());
        }
        Evaluation mirror = new Evaluation();
        mirror.setMetadata(new ObjectMetaBuilder().withName(name(job)).withLabels(Map.of(TRIGGER, job.trigger().eventName()))
                .withAnnotations(annotations).build());
        mirror.setSpec(spec(job));
        try {
            return client.resource(mirror).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return client.resources(Evaluation.class).withName(name(job)).get();
            }
            throw e;
        }
    }

    /** The spec the job ran with, in the resource's words. */
    private static EvaluationSpec spec(EvaluationJob job) {
        var run = job.spec();
        EvaluationSpec spec = new EvaluationSpec();
        ModelSource model = new ModelSource();
        model.setBundleUri(run.bundleDir().toUri().toString());
        spec.setModel(model);
        spec.setDataRoot(run.dataRoot().toString());
        spec.setSplit(Split.valueOf(run.split().name().toLowerCase(Locale.ROOT)));
        spec.setProtocol(Protocol.valueOf(run.protocol().name().toLowerCase(Locale.ROOT)));
        spec.setDomains(run.domains().isEmpty() ? null : run.domains());
        IndexSpec index = new IndexSpec();
        index.setBackend(Arrays.stream(IndexBackend.values()).filter(b -> b.name().equals(run.indexBackend())).findFirst()
                .orElse(null));
        index.setParams(run.indexParams().isEmpty() ? null : run.indexParams());
        spec.setIndex(index);
        spec.setMetric(Arrays.stream(Metric.values()).filter(m -> m.name().equals(run.metric())).findFirst().orElse(null));
        return spec;
    }
}
