package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultAddsNoQuarkusKeys() {
        TlsSettings settings = TlsSettings.from(key -> null);
        assertFalse(settings.enabled());
        assertEquals(Path.of("/etc/mdfe/tls"), settings.dir());
        assertEquals(Map.of(), settings.quarkusProperties());
    }

    @Test
    void mutualTlsServesTlsOnlyOnTheServicePortAndTrustsTheCa() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "x");
        Map<String, String> keys = TlsSettings.from(Map.of("mdfe.tls.enabled", "true", "mdfe.tls.dir", dir.toString(),
                "mdfe.tls.client-auth", "required")::get).quarkusProperties();

        assertEquals(dir.resolve("tls.crt").toString(), keys.get("quarkus.tls.mdfe.key-store.pem.service.cert"));
        assertEquals(dir.resolve("tls.key").toString(), keys.get("quarkus.tls.mdfe.key-store.pem.service.key"));
        assertEquals(dir.resolve("ca.crt").toString(), keys.get("quarkus.tls.mdfe.trust-store.pem.certs"));
        assertEquals("mdfe", keys.get("quarkus.http.tls-configuration-name"));
        assertFalse(keys.containsKey("quarkus.http.ssl.client-auth"), "build-time fixed; ClientAuthCustomizer applies it");
        assertEquals("disabled", keys.get("quarkus.http.insecure-requests"));
        assertEquals("${quarkus.http.port}", keys.get("quarkus.http.ssl-port"));
        assertEquals(dir.resolve("ca.crt").toString(), keys.get("quarkus.tls.mdfe-client.trust-store.pem.certs"));
        assertEquals(dir.resolve("tls.crt").toString(), keys.get("quarkus.tls.mdfe-client.key-store.pem.service.cert"));
    }

    @Test
    void serverOnlyTlsNeedsNoCaFile() {
        Map<String, String> keys = TlsSettings.from(Map.of("mdfe.tls.enabled", "TRUE", "mdfe.tls.dir", dir.toString())::get)
                .quarkusProperties();
        assertFalse(keys.containsKey("quarkus.tls.mdfe.trust-store.pem.certs"));
        assertTrue(keys.keySet().stream().noneMatch(k -> k.startsWith("quarkus.tls.mdfe-client.")), keys::toString);
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException auth = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.from(Map.of("mdfe.tls.client-auth", "always")::get));
        assertEquals("mdfe.tls.client-auth='always': must be none, request or required", auth.getMessage());
        IllegalArgumentException enabled = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.from(Map.of("mdfe.tls.enabled", "yes")::get));
        assertEquals("mdfe.tls.enabled='yes': must be true or false", enabled.getMessage());
    }
}
