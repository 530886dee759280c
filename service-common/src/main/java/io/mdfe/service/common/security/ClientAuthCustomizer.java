package io.mdfe.service.common.security;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Applies {@code mdfe.tls.client-auth} ({@code MDFE_TLS_CLIENT_AUTH}) to the HTTPS server at run time.
 * Quarkus's own {@code quarkus.http.ssl.client-auth} is fixed when the application is built, so a
 * packaged service could not be switched to mutual TLS by its deployment; this Quarkus hook runs after
 * Quarkus has made the server's TLS options.
 */
@Singleton
public class ClientAuthCustomizer implements HttpServerOptionsCustomizer {

    private final TlsSettings settings;

    /**
     * Reads the TLS settings.
     *
     * @param config the service's configuration
     */
    @Inject
    public ClientAuthCustomizer(Config config) {
        this(TlsSettings.from(key -> config.getOptionalValue(key, String.class).orElse(null)));
    }

    /**
     * Uses the given settings.
     *
     * @param settings the TLS settings
     */
    public ClientAuthCustomizer(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (settings.enabled()) {
            options.setClientAuth(switch (settings.clientAuth()) {
                case NONE -> ClientAuth.NONE;
                case REQUEST -> ClientAuth.REQUEST;
                case REQUIRED -> ClientAuth.REQUIRED;
            });
        }
    }
}
