package io.mdfe.service.common.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code mdfe.tls.*} (or {@code MDFE_TLS_ENABLED}, {@code MDFE_TLS_DIR}, {@code MDFE_TLS_CLIENT_AUTH})
 * into the Quarkus TLS registry and HTTP keys of {@link TlsSettings#quarkusProperties()}. A config source
 * factory because plain properties cannot switch a whole group of keys on one flag, and the group must
 * be absent when TLS is off (Quarkus loads every configured certificate at start).
 *
 * <p>Its ordinal is above the shared defaults and below a service's application.properties and the
 * environment, so any derived key can still be overridden.
 */
public final class TlsConfigSourceFactory implements ConfigSourceFactory {

    /** Between microprofile-config.properties (100) and application.properties (250). */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        TlsSettings settings = TlsSettings.from(key -> {
            ConfigValue value = context.getValue(key);
            return value == null ? null : value.getValue();
        });
        return List.of(new PropertiesConfigSource(settings.quarkusProperties(), "mdfe.tls settings", ORDINAL));
    }
}
