package io.mdfe.helm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses rendered manifests into Fabric8's typed model, strictly: an unknown field anywhere fails. Fabric8's
 * model classes keep unknown fields in an any-setter map ("additionalProperties") and ignore nothing; with the
 * any-setters and ignore rules switched off in the mapper, Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies to
 * every nested object. A kind Fabric8 does not know (parsed as GenericKubernetesResource) fails too.
 */
public final class StrictManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(strictMapper(), true);

    private StrictManifests() {
    }

    /**
     * Parses a multi-document YAML stream as {@code helm template} prints it.
     *
     * @param yaml the manifests
     * @return one typed object per non-empty document, in order
     * @throws IllegalArgumentException naming the document's source and the unknown field
     */
    public static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            String source = document.lines().filter(l -> l.startsWith("# Source:")).findFirst().orElse("(no source)");
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(document);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                throw new IllegalArgumentException(source + ": not a kind Fabric8 knows: " + parsed);
            }
            objects.add(object);
        }
        return objects;
    }

    /** @return the serialization used, for comparing objects */
    public static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated annotated) {
                return Boolean.FALSE;
            }

            @Override
            public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
                return JsonIgnoreProperties.Value.empty();
            }
        });
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
