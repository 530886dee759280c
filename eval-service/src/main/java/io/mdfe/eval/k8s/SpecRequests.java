package io.mdfe.eval.k8s;

import io.mdfe.k8s.api.v1alpha1.EvaluationSpec;
import io.mdfe.k8s.api.v1alpha1.IndexSpec;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import java.util.Map;

/**
 * An Evaluation's spec as the gRPC {@link EvaluateRequest} it means, so a resource goes through exactly the checks
 * and defaults of an Evaluate call; and the request's field names in error messages back as spec fields.
 */
final class SpecRequests {

    /** gRPC field prefixes of validation messages and the spec fields a resource's user knows. */
    private static final Map<String, String> FIELDS = Map.of(
            "data_root: ", "spec.dataRoot: ",
            "domains: ", "spec.domains: ",
            "index_backend: ", "spec.index.backend: ",
            "metric: ", "spec.metric: ",
            "split: ", "spec.split: ",
            "protocol: ", "spec.protocol: ");

    private SpecRequests() {
    }

    /**
     * @param spec the resource's spec
     * @param bundleUri the bundle to score (spec.model.bundleUri, or resolved from its TrainingRun)
     * @return the request
     */
    static EvaluateRequest request(EvaluationSpec spec, String bundleUri) {
        EvaluateRequest.Builder request = EvaluateRequest.newBuilder().setBundleUri(bundleUri);
        if (spec.getDataRoot() != null) {
            request.setDataRoot(spec.getDataRoot());
        }
        if (spec.getSplit() != null) {
            request.setSplit(switch (spec.getSplit()) {
                case val -> Split.SPLIT_VAL;
                case test -> Split.SPLIT_TEST;
            });
        }
        if (spec.getProtocol() != null) {
            request.setProtocol(switch (spec.getProtocol()) {
                case merged -> Protocol.PROTOCOL_MERGED;
                case separate -> Protocol.PROTOCOL_SEPARATE;
            });
        }
        if (spec.getDomains() != null) {
            request.addAllDomains(spec.getDomains());
        }
        IndexSpec index = spec.getIndex();
        if (index != null && index.getBackend() != null) {
            request.setIndexBackend(index.getBackend().name());
        }
        if (index != null && index.getParams() != null) {
            request.putAllIndexParams(index.getParams());
        }
        if (spec.getMetric() != null) {
            request.setMetric(spec.getMetric().name());
        }
        return request.build();
    }

    /**
     * @param message a validation message, starting with the gRPC field at fault
     * @param modelField the spec field the bundle came from
     * @return the message naming the spec field instead
     */
    static String fieldNamed(String message, String modelField) {
        if (message.startsWith("bundle_uri: ")) {
            return modelField + ": " + message.substring("bundle_uri: ".length());
        }
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            if (message.startsWith(field.getKey())) {
                return field.getValue() + message.substring(field.getKey().length());
            }
        }
        return message.startsWith("spec") ? message : "spec: " + message;
    }
}
