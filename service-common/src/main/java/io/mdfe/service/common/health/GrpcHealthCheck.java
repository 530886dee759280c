package io.mdfe.service.common.health;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A command-line {@code grpc.health.v1.Health/Check} client, in every service image: the {@code helm test}
 * pod and {@code tools/image-boot-check.sh} run it, since grpc_health_probe is not in the images and the
 * kubelet's own gRPC probe speaks neither TLS nor tokens.
 *
 * <pre>
 * java -cp '/deployments/lib/main/*' io.mdfe.service.common.health.GrpcHealthCheck \
 *     [--tls-dir /etc/mdfe/tls] [--token-file FILE] [--timeout-seconds 5] host:port...
 * </pre>
 *
 * With {@code --tls-dir} the channel trusts {@code ca.crt} and presents {@code tls.crt}/{@code tls.key} when
 * present (mutual TLS). Prints one line per target; exits 0 when every target answers SERVING, 1 when one
 * does not, 2 on bad arguments.
 */
public final class GrpcHealthCheck {

    private GrpcHealthCheck() {
    }

    /**
     * Checks every target and exits with the result.
     *
     * @param args options, then host:port targets
     */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("grpc-health-check: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /**
     * Checks every target named in {@code args}.
     *
     * @param args options, then host:port targets
     * @param out where one line per target is printed
     * @return 0 when all targets are SERVING, else 1
     * @throws IOException when a TLS or token file cannot be read
     */
    static int run(String[] args, PrintStream out) throws IOException {
        Path tlsDir = null;
        Path tokenFile = null;
        long timeoutSeconds = 5;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tls-dir" -> tlsDir = Path.of(value(args, ++i, "--tls-dir"));
                case "--token-file" -> tokenFile = Path.of(value(args, ++i, "--token-file"));
                case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(value(args, ++i, "--timeout-seconds"));
                default -> targets.add(target(args[i]));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target given (host:port)");
        }
        ChannelCredentials credentials = tlsDir == null ? InsecureChannelCredentials.create() : tls(tlsDir);
        CallCredentials token = tokenFile == null ? null : bearer(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
        int failures = 0;
        for (String target : targets) {
            String status = check(target, credentials, token, timeoutSeconds);
            out.println(target + " " + status);
            if (!HealthCheckResponse.ServingStatus.SERVING.name().equals(status)) {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static String check(String target, ChannelCredentials credentials, CallCredentials token, long timeoutSeconds) {
        ManagedChannel channel = Grpc.newChannelBuilder(target, credentials).build();
        try {
            HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
            if (token != null) {
                stub = stub.withCallCredentials(token);
            }
            return stub.check(HealthCheckRequest.getDefaultInstance()).getStatus().name();
        } catch (StatusRuntimeException e) {
            return "UNREACHABLE (" + e.getStatus().getCode() + ": " + e.getStatus().getDescription() + ")";
        } finally {
            channel.shutdownNow();
        }
    }

    private static ChannelCredentials tls(Path dir) throws IOException {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(dir.resolve("ca.crt").toFile());
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        if (Files.isReadable(cert) && Files.isReadable(key)) {
            tls.keyManager(cert.toFile(), key.toFile());
        }
        return tls.build();
    }

    private static CallCredentials bearer(String token) {
        Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(authorization, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String target(String arg) {
        int colon = arg.lastIndexOf(':');
        if (arg.startsWith("-") || colon <= 0 || colon == arg.length() - 1) {
            throw new IllegalArgumentException("not a host:port target: " + arg);
        }
        Integer.parseInt(arg.substring(colon + 1));
        return arg;
    }
}
