package io.mdfe.data.grpc;

import io.grpc.Context;
import io.smallrye.mutiny.Uni;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * Whether one server call's transport can take another message now. Quarkus subscribes to a server
 * stream's {@code Multi} with unbounded demand, so the {@code Multi} itself must wait for gRPC flow control:
 * a stream that awaits {@link #whenReady()} before producing each message keeps at most one message beyond
 * gRPC's own buffer, however slowly the client reads. Installed per call by
 * {@link TransportReadinessInterceptor}.
 */
final class TransportReadiness {

    /** The current call's readiness, inside a call that went through the interceptor. */
    static final Context.Key<TransportReadiness> KEY = Context.key("mdfe-transport-readiness");

    private final BooleanSupplier isReady;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    TransportReadiness(BooleanSupplier isReady) {
        this.isReady = isReady;
    }

    /**
     * The readiness of the call being served; call it on the thread that invoked the service method.
     *
     * @throws IllegalStateException when the service lacks {@link TransportReadinessInterceptor}
     */
    static TransportReadiness current() {
        TransportReadiness readiness = KEY.get();
        if (readiness == null) {
            throw new IllegalStateException("no " + TransportReadinessInterceptor.class.getSimpleName()
                    + " on this call");
        }
        return readiness;
    }

    /** Completes at once when the transport is ready, otherwise at its next onReady. */
    Uni<Void> whenReady() {
        return Uni.createFrom().emitter(emitter -> {
            if (isReady.getAsBoolean()) {
                emitter.complete(null);
                return;
            }
            waiting.add(() -> emitter.complete(null));
            // onReady may have fired between the check and the add; it would not fire again.
            if (isReady.getAsBoolean()) {
                signalReady();
            }
        });
    }

    /** Called by the interceptor on the call's onReady: resumes every waiting producer. */
    void signalReady() {
        Runnable next;
        while ((next = waiting.poll()) != null) {
            next.run();
        }
    }
}
