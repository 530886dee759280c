package io.mdfe.service.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.mdfe.proto.index.IndexServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's Quarkus gRPC clients send its own token when mdfe.auth.client-token-file is set. */
class ServiceTokenClientInterceptorTest {

    @TempDir
    Path dir;

    @Test
    void sendsTheConfiguredTokenAndNothingOtherwise() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "svc-token-1\n");
        assertEquals("Bearer svc-token-1", sentAuthorization(config(Optional.of(token))));
        assertNull(sentAuthorization(config(Optional.empty())));
    }

    private static String sentAuthorization(AuthConfig config) {
        AtomicReference<Metadata> sent = new AtomicReference<>();
        Channel recording = new Channel() {
            @Override
            public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                return new ClientCall<>() {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        sent.set(headers);
                    }

                    @Override
                    public void request(int count) {
                    }

                    @Override
                    public void cancel(String message, Throwable cause) {
                    }

                    @Override
                    public void halfClose() {
                    }

                    @Override
                    public void sendMessage(Q message) {
                    }
                };
            }

            @Override
            public String authority() {
                return "test";
            }
        };
        new ServiceTokenClientInterceptor(config)
                .interceptCall(IndexServiceGrpc.getSearchMethod(), CallOptions.DEFAULT, recording)
                .start(new ClientCall.Listener<>() {
                }, new Metadata());
        return sent.get().get(CallAuthorizer.AUTHORIZATION);
    }

    private static AuthConfig config(Optional<Path> clientToken) {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public Path tokensFile() {
                return Path.of("/nonexistent/tokens");
            }

            @Override
            public Path identitiesFile() {
                return Path.of("/nonexistent/identities");
            }

            @Override
            public Optional<Path> clientTokenFile() {
                return clientToken;
            }
        };
    }
}
