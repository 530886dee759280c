package io.mdfe.service.common.security.client;

import io.mdfe.service.common.security.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a client reaches MDFE services: plaintext or TLS (trusting {@code ca.crt}), with its own
 * certificate for mutual TLS when {@code tls.crt} and {@code tls.key} are there, and a bearer token.
 *
 * @param tls whether to speak TLS
 * @param caCertificate the CA (PEM) the servers' certificates must chain to; used only with TLS
 * @param certificate the client's certificate chain (PEM), for mutual TLS
 * @param privateKey the client's private key (PEM, PKCS#8), for mutual TLS
 * @param bearerToken the token to send, if any
 */
public record ClientSecurity(boolean tls, Path caCertificate, Optional<Path> certificate, Optional<Path> privateKey,
        Optional<String> bearerToken) {

    /** Environment: the file holding the client's raw bearer token. */
    public static final String TOKEN_FILE_ENV = "MDFE_AUTH_CLIENT_TOKEN_FILE";
    private static final long MAX_TOKEN_FILE_BYTES = 8192;

    /**
     * Checks the parts fit together.
     */
    public ClientSecurity {
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its private key and the other way round");
        }
    }

    /** @return plaintext, no token: {@code mdfe up} on localhost */
    public static ClientSecurity plaintext() {
        return new ClientSecurity(false, TlsSettings.DEFAULT_DIR.resolve("ca.crt"), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Reads the variables the services read: {@code MDFE_TLS_ENABLED}, {@code MDFE_TLS_DIR} (ca.crt, and
     * tls.crt + tls.key when both exist), and {@value #TOKEN_FILE_ENV}.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming the variable or file that is wrong
     */
    public static ClientSecurity fromEnvironment(Map<String, String> env) {
        TlsSettings tls = TlsSettings.from(key -> env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
        boolean mutual = Files.isRegularFile(tls.certificate()) && Files.isRegularFile(tls.privateKey());
        Optional<String> token = Optional.ofNullable(env.get(TOKEN_FILE_ENV)).filter(s -> !s.isBlank())
                .map(file -> tokenFrom(Path.of(file)));
        return new ClientSecurity(tls.enabled(), tls.caCertificate(),
                mutual ? Optional.of(tls.certificate()) : Optional.empty(),
                mutual ? Optional.of(tls.privateKey()) : Optional.empty(), token);
    }

    /**
     * Reads a raw bearer token from a file (surrounding whitespace dropped).
     *
     * @param file the file
     * @return the token
     * @throws IllegalArgumentException naming the file when it is missing, empty or too large
     */
    public static String tokenFrom(Path file) {
        try {
            if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
                throw new IllegalArgumentException("token file " + file + ": larger than a token can be");
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("token file " + file + ": empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("token file " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "ClientSecurity[tls=" + tls + ", ca=" + caCertificate + ", certificate=" + certificate
                + ", token=" + (bearerToken.isPresent() ? "set" : "none") + "]";
    }
}
