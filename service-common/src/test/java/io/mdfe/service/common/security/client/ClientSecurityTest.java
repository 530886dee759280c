package io.mdfe.service.common.security.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSecurityTest {

    @TempDir
    Path dir;

    @Test
    void readsTheServicesVariables() throws Exception {
        Files.writeString(dir.resolve("token"), "  s3cret-token\n");
        ClientSecurity serverOnly = ClientSecurity.fromEnvironment(Map.of("MDFE_TLS_ENABLED", "true",
                "MDFE_TLS_DIR", dir.toString(), "MDFE_AUTH_CLIENT_TOKEN_FILE", dir.resolve("token").toString()));
        assertTrue(serverOnly.tls());
        assertEquals(dir.resolve("ca.crt"), serverOnly.caCertificate());
        assertEquals(Optional.empty(), serverOnly.certificate(), "no tls.crt/tls.key: no client certificate");
        assertEquals(Optional.of("s3cret-token"), serverOnly.bearerToken());
        assertFalse(serverOnly.toString().contains("s3cret"), serverOnly::toString);

        Files.writeString(dir.resolve("tls.crt"), "x");
        Files.writeString(dir.resolve("tls.key"), "x");
        ClientSecurity mutual = ClientSecurity.fromEnvironment(Map.of("MDFE_TLS_ENABLED", "true", "MDFE_TLS_DIR", dir.toString()));
        assertEquals(Optional.of(dir.resolve("tls.crt")), mutual.certificate());
        assertEquals(Optional.of(dir.resolve("tls.key")), mutual.privateKey());
        assertEquals(Optional.empty(), mutual.bearerToken());

        assertFalse(ClientSecurity.fromEnvironment(Map.of()).tls(), "plaintext by default");
    }

    @Test
    void badTokenFilesAreNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("token file " + empty + ": empty",
                assertThrows(IllegalArgumentException.class, () -> ClientSecurity.tokenFrom(empty)).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("token file " + missing + ": cannot be read (NoSuchFileException)",
                assertThrows(IllegalArgumentException.class, () -> ClientSecurity.tokenFrom(missing)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BearerTokenInterceptor("two words"));
    }
}
