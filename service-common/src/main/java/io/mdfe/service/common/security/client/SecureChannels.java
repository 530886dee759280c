package io.mdfe.service.common.security.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Opens gRPC channels to MDFE services with {@link ClientSecurity}: the CLI's and tests' way in. */
public final class SecureChannels {

    private SecureChannels() {
    }

    /**
     * A channel builder to {@code host:port}, secured as asked; add options and build it.
     *
     * @param host the service's host; with TLS it must match the server certificate's names
     * @param port the service's port
     * @param security TLS, client certificate and token
     * @return the builder
     * @throws UncheckedIOException naming the PEM file that cannot be read
     */
    public static ManagedChannelBuilder<?> builder(String host, int port, ClientSecurity security) {
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(host, port, credentials(security));
        security.bearerToken().ifPresent(token -> builder.intercept(new BearerTokenInterceptor(token)));
        return builder;
    }

    /**
     * A channel to {@code host:port}, secured as asked.
     *
     * @param host the service's host
     * @param port the service's port
     * @param security TLS, client certificate and token
     * @return the channel; the caller shuts it down
     */
    public static ManagedChannel open(String host, int port, ClientSecurity security) {
        return builder(host, port, security).build();
    }

    private static ChannelCredentials credentials(ClientSecurity security) {
        if (!security.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            tls.trustManager(security.caCertificate().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("CA certificate " + security.caCertificate() + ": " + e.getMessage(), e);
        }
        if (security.certificate().isPresent()) {
            try {
                tls.keyManager(security.certificate().get().toFile(), security.privateKey().orElseThrow().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("client certificate " + security.certificate().get() + " or key "
                        + security.privateKey().get() + ": " + e.getMessage(), e);
            }
        }
        return tls.build();
    }
}
