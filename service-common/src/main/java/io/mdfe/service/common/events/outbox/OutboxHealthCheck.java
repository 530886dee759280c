package io.mdfe.service.common.events.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports a service's outbox in {@code /q/health}: always UP (the service keeps working and keeps its events
 * while Kafka is away), with {@code status} {@code degraded}, the depth and the relay's last problem when events
 * cannot be published. Services without an outbox report nothing but UP.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final Instance<Outbox> outbox;

    OutboxHealthCheck(Instance<Outbox> outbox) {
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-outbox").up();
        if (outbox.isResolvable()) {
            Outbox box = outbox.get();
            response.withData("depth", box.depth());
            box.relayProblem().ifPresentOrElse(
                    problem -> response.withData("status", "degraded").withData("problem", problem),
                    () -> response.withData("status", "ok"));
        }
        return response.build();
    }
}
