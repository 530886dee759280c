package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart's contract: environment variables alone (over the shared defaults) switch the Quarkus
 * TLS keys on, and a service's own properties still win over the derived ones.
 */
class TlsConfigSourceFactoryTest {

    @Test
    void environmentVariablesTurnTlsOnOverTheSharedDefaults() throws Exception {
        SmallRyeConfig config = config(Map.of("MDFE_TLS_ENABLED", "true", "MDFE_TLS_DIR", "/run/certs",
                "MDFE_TLS_CLIENT_AUTH", "required"), Map.of("quarkus.http.port", "8084"));

        assertEquals("mdfe", config.getRawValue("quarkus.http.tls-configuration-name"));
        assertEquals("/run/certs/tls.crt", config.getRawValue("quarkus.tls.mdfe.key-store.pem.service.cert"));
        assertEquals("/run/certs/tls.key", config.getRawValue("quarkus.tls.mdfe.key-store.pem.service.key"));
        assertEquals("/run/certs/ca.crt", config.getRawValue("quarkus.tls.mdfe.trust-store.pem.certs"));
        assertEquals("required", config.getRawValue("mdfe.tls.client-auth"), "read by ClientAuthCustomizer at run time");
        assertEquals("disabled", config.getRawValue("quarkus.http.insecure-requests"));
        assertEquals("8084", config.getRawValue("quarkus.http.ssl-port"), "TLS takes the service's own port");
    }

    @Test
    void sharedDefaultsAloneLeaveTheServicePlaintext() throws Exception {
        SmallRyeConfig config = config(Map.of(), Map.of());
        assertEquals("false", config.getRawValue("mdfe.tls.enabled"));
        assertFalse(config.getOptionalValue("quarkus.http.tls-configuration-name", String.class).isPresent());
        assertFalse(config.getOptionalValue("quarkus.http.insecure-requests", String.class).isPresent());
    }

    @Test
    void aServicesOwnPropertiesOverrideDerivedKeys() throws Exception {
        SmallRyeConfig config = config(Map.of("MDFE_TLS_ENABLED", "true"),
                Map.of("quarkus.http.port", "8084", "quarkus.http.insecure-requests", "redirect"));
        assertEquals("redirect", config.getRawValue("quarkus.http.insecure-requests"));
    }

    /** The shared defaults file at its ordinal (100), a service's properties (250), the environment (300). */
    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> serviceProperties) throws Exception {
        URL shared = TlsConfigSourceFactory.class.getResource("/META-INF/microprofile-config.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(shared, 100))
                .withSources(new PropertiesConfigSource(serviceProperties, "service application.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new TlsConfigSourceFactory())
                .build();
    }
}
