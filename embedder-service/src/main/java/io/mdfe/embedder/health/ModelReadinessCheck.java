package io.mdfe.embedder.health;

import io.mdfe.embedder.EmbedderRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until a model is loaded, then UP with the served model's id and version. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final EmbedderRuntime runtime;

    ModelReadinessCheck(EmbedderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model");
        return runtime.slot().peek()
                .map(model -> response.up().withData("model_id", model.modelId()).withData("version", model.version())
                        .withData("bundle_uri", model.uri().toString()).build())
                .orElseGet(() -> response.down().withData("reason", "no model loaded").build());
    }
}
