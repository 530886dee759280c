package io.mdfe.service.common.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes every call's gRPC {@link Context} carry the client's deadline and end with the call, so long work
 * that checks {@code Context.current().isCancelled()} stops when the caller gave up. Needed because gRPC
 * shares the HTTP server here ({@code quarkus.grpc.server.use-separate-server=false}), and that Vert.x
 * transport neither turns the {@code grpc-timeout} header into a context deadline nor reliably reports a
 * client's reset of a unary call (eclipse-vertx/vert.x#5562).
 */
@GlobalInterceptor
@ApplicationScoped
public class DeadlineInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "grpc-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Long nanos = timeoutNanos(headers.get(TIMEOUT));
        Context.CancellableContext context = nanos == null ? Context.current().withCancellation()
                : Context.current().withDeadline(Deadline.after(nanos, TimeUnit.NANOSECONDS), timer);
        ServerCall<Q, R> ending = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    context.cancel(null);
                }
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, ending, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    context.cancel(null);
                }
            }
        };
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * The {@code grpc-timeout} header in nanoseconds: digits and a unit (H, M, S, m, u, n), per the gRPC
     * over HTTP/2 protocol; null when absent or malformed.
     */
    static Long timeoutNanos(String header) {
        if (header == null || header.length() < 2 || header.length() > 9) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(header.substring(0, header.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        TimeUnit unit = switch (header.charAt(header.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return unit == null || amount < 0 ? null : unit.toNanos(amount);
    }
}
