package io.mdfe.service.common.security;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mdfe.auth.*}: gRPC authorization, off by default. Each key also reads its environment variable
 * ({@code MDFE_AUTH_ENABLED}, {@code MDFE_AUTH_TOKENS_FILE}, {@code MDFE_AUTH_IDENTITIES_FILE},
 * {@code MDFE_AUTH_CLIENT_TOKEN_FILE}); the
 * defaults are in service-common's META-INF/microprofile-config.properties.
 */
@ConfigMapping(prefix = "mdfe.auth")
public interface AuthConfig {

    /** @return whether every gRPC call is checked against {@link MethodPermissions} */
    boolean enabled();

    /** @return the tokens file: {@code <role> <name> <sha256 hex of the token>} a line */
    Path tokensFile();

    /** @return the identities file: {@code <role> <certificate CN>} a line */
    Path identitiesFile();

    /**
     * The token this service sends when it calls other services through Quarkus gRPC clients.
     *
     * @return a file holding the raw token, if any
     */
    Optional<Path> clientTokenFile();
}
