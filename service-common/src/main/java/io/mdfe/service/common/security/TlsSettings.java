package io.mdfe.service.common.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code mdfe.tls.*} settings and the Quarkus keys they stand for. One place decides how a service
 * serves TLS, so every service and the Helm chart agree on the file names.
 *
 * @param enabled whether the service port speaks TLS only
 * @param dir the directory holding {@code tls.crt}, {@code tls.key} and {@code ca.crt}
 * @param clientAuth whether clients must present a certificate signed by {@code ca.crt}
 */
public record TlsSettings(boolean enabled, Path dir, ClientAuth clientAuth) {

    /** Key: TLS on or off (environment {@code MDFE_TLS_ENABLED}). */
    public static final String ENABLED = "mdfe.tls.enabled";
    /** Key: the certificate directory (environment {@code MDFE_TLS_DIR}). */
    public static final String DIR = "mdfe.tls.dir";
    /** Key: none, request or required (environment {@code MDFE_TLS_CLIENT_AUTH}). */
    public static final String CLIENT_AUTH = "mdfe.tls.client-auth";
    /** The default certificate directory, where the Helm chart mounts its secret. */
    public static final Path DEFAULT_DIR = Path.of("/etc/mdfe/tls");
    /** The TLS registry configuration the HTTP (and so the gRPC) server uses. */
    public static final String SERVER_TLS_CONFIGURATION = "mdfe";
    /** The TLS registry configuration for a service's own gRPC clients ({@code quarkus.grpc.clients.<name>.tls-configuration-name}). */
    public static final String CLIENT_TLS_CONFIGURATION = "mdfe-client";

    /** Whether and how the server asks for client certificates. */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** A client certificate is asked for and checked against ca.crt when sent, but optional. */
        REQUEST,
        /** Mutual TLS: a connection without a certificate signed by ca.crt is refused. */
        REQUIRED
    }

    /**
     * Reads the settings.
     *
     * @param config looks a key up, null when unset
     * @return the settings, defaults where unset
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public static TlsSettings from(Function<String, String> config) {
        boolean enabled = parseBoolean(ENABLED, config.apply(ENABLED));
        String dir = config.apply(DIR);
        String auth = config.apply(CLIENT_AUTH);
        ClientAuth clientAuth;
        try {
            clientAuth = auth == null || auth.isBlank() ? ClientAuth.NONE
                    : ClientAuth.valueOf(auth.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CLIENT_AUTH + "='" + auth + "': must be none, request or required", e);
        }
        return new TlsSettings(enabled, dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir.trim()), clientAuth);
    }

    static boolean parseBoolean(String key, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + "='" + value + "': must be true or false");
        };
    }

    /** @return the service's certificate chain (PEM) */
    public Path certificate() {
        return dir.resolve("tls.crt");
    }

    /** @return the service's private key (PEM, PKCS#8 or PKCS#1) */
    public Path privateKey() {
        return dir.resolve("tls.key");
    }

    /** @return the CA certificate(s) (PEM) that sign client certificates and peer servers */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /**
     * The Quarkus keys these settings stand for: nothing when TLS is off; else a TLS registry
     * configuration {@value #SERVER_TLS_CONFIGURATION} used by the HTTP server on the service's own port
     * with plaintext refused, and {@value #CLIENT_TLS_CONFIGURATION} for gRPC clients when ca.crt exists.
     * Client authentication is applied at run time by {@link ClientAuthCustomizer}.
     *
     * @return the keys and values
     */
    public Map<String, String> quarkusProperties() {
        Map<String, String> keys = new LinkedHashMap<>();
        if (!enabled) {
            return keys;
        }
        String server = "quarkus.tls." + SERVER_TLS_CONFIGURATION + ".";
        keys.put(server + "key-store.pem.service.cert", certificate().toString());
        keys.put(server + "key-store.pem.service.key", privateKey().toString());
        if (clientAuth != ClientAuth.NONE) {
            keys.put(server + "trust-store.pem.certs", caCertificate().toString());
        }
        keys.put("quarkus.http.tls-configuration-name", SERVER_TLS_CONFIGURATION);
        // Not quarkus.http.ssl.client-auth: it is fixed at build time, so ClientAuthCustomizer sets it.
        // One port per service: TLS takes the service's port and plaintext is not served at all.
        keys.put("quarkus.http.ssl-port", "${quarkus.http.port}");
        keys.put("quarkus.http.insecure-requests", "disabled");
        // Quarkus checks every named TLS configuration at start, so the client one exists only when its
        // trust file does: with client-auth none the chart may mount no ca.crt.
        if (Files.isRegularFile(caCertificate())) {
            String client = "quarkus.tls." + CLIENT_TLS_CONFIGURATION + ".";
            keys.put(client + "trust-store.pem.certs", caCertificate().toString());
            keys.put(client + "key-store.pem.service.cert", certificate().toString());
            keys.put(client + "key-store.pem.service.key", privateKey().toString());
        }
        return keys;
    }
}
