package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAuthCustomizerTest {

    @Test
    void appliesTheRunTimeSettingOverWhatTheBuildFixed() {
        for (var expected : Map.of("none", ClientAuth.NONE, "request", ClientAuth.REQUEST, "required", ClientAuth.REQUIRED)
                .entrySet()) {
            HttpServerOptions options = new HttpServerOptions().setClientAuth(ClientAuth.REQUEST);
            new ClientAuthCustomizer(TlsSettings.from(
                    Map.of("mdfe.tls.enabled", "true", "mdfe.tls.client-auth", expected.getKey())::get))
                    .customizeHttpsServer(options);
            assertEquals(expected.getValue(), options.getClientAuth(), expected.getKey());
        }
    }

    @Test
    void leavesTheServerAloneWhenTlsIsOff() {
        HttpServerOptions options = new HttpServerOptions().setClientAuth(ClientAuth.REQUEST);
        new ClientAuthCustomizer(TlsSettings.from(Map.of("mdfe.tls.client-auth", "required")::get))
                .customizeHttpsServer(options);
        assertEquals(ClientAuth.REQUEST, options.getClientAuth());
    }
}
