package io.mdfe.service.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Who a service is, as configured under {@code mdfe.service}: reported by the ServiceInfo gRPC service.
 *
 * <pre>
 * mdfe.service.name=data-service
 * mdfe.service.details.role=datasets
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.service")
public interface ServiceIdentityConfig {

    /**
     * Logical service name, e.g. {@code data-service}. Required: a service that forgot it fails at startup
     * instead of answering with a wrong name.
     *
     * @return the service name
     */
    String name();

    /**
     * Application version; by default the Maven project version that Quarkus records at build time.
     *
     * @return the version
     */
    @WithDefault("${quarkus.application.version}")
    String version();

    /**
     * Free-form facts the service exposes through ServiceInfo; empty unless configured.
     *
     * @return key/value details
     */
    Map<String, String> details();
}
