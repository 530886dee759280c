package io.mdfe.k8s.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CRD's openAPIV3Schema as a JSON Schema a standard validator checks a whole resource against, the way the
 * API server does with strict field validation ({@code kubectl apply --validate=strict}): objects with
 * declared properties reject unknown ones (the API server would prune them), apiVersion/kind/metadata are
 * allowed at the top, and the Kubernetes extensions ({@code x-kubernetes-*}, whose CEL rules a JSON-schema
 * validator cannot run; the reconcilers check those) are dropped.
 */
final class StructuralSchema {

    private final JsonSchema schema;

    StructuralSchema(JsonNode openApiV3Schema) {
        ObjectNode adapted = openApiV3Schema.deepCopy();
        adapt(adapted);
        ObjectNode top = (ObjectNode) adapted.get("properties");
        top.putObject("apiVersion").put("type", "string");
        top.putObject("kind").put("type", "string");
        top.putObject("metadata").put("type", "object");
        adapted.putArray("required").add("apiVersion").add("kind").add("metadata");
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(adapted);
    }

    /** @return one line per violation, each naming the field as a path ({@code spec.resources.gpus}) */
    List<String> violations(JsonNode resource) {
        return schema.validate(resource).stream().map(StructuralSchema::describe).sorted().toList();
    }

    private static String describe(ValidationMessage m) {
        String at = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        String field = m.getProperty() == null ? at : (at.isEmpty() ? "" : at + ".") + m.getProperty();
        return field + ": " + m.getMessage();
    }

    private static void adapt(ObjectNode node) {
        boolean preserveUnknown = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            if (it.next().getKey().startsWith("x-kubernetes-")) {
                it.remove();
            }
        }
        if (node.has("properties") && !node.has("additionalProperties") && !preserveUnknown) {
            node.put("additionalProperties", false);
        }
        node.path("properties").forEach(p -> adapt((ObjectNode) p));
        if (node.get("items") instanceof ObjectNode items) {
            adapt(items);
        }
        if (node.get("additionalProperties") instanceof ObjectNode values) {
            adapt(values);
        }
    }
}
