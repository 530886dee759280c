package io.mdfe.cli.flow;

import io.mdfe.cli.system.ServiceName;
import io.mdfe.cli.system.SystemSettings;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.mdfe.service.common.security.client.SecureChannels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * gRPC channels to the services of a system, one per service, secured as the services are ({@link ClientSecurity}:
 * TLS, a client certificate and a bearer token, from the variables the services read), and their failures turned
 * into one line that names the service, its address and the call: an unreachable service says so.
 */
public final class ServiceCalls implements AutoCloseable {

    private final SystemSettings settings;
    private final ClientSecurity security;
    private final Map<ServiceName, ManagedChannel> channels = new LinkedHashMap<>();

    /**
     * @param settings where the services are
     * @param security how to reach them
     */
    public ServiceCalls(SystemSettings settings, ClientSecurity security) {
        this.settings = settings;
        this.security = security;
    }

    /**
     * {@return the channel to a service, made on first use}
     *
     * @param service the service
     */
    public synchronized ManagedChannel channel(ServiceName service) {
        return channels.computeIfAbsent(service, s -> SecureChannels.open(settings.host(), settings.service(s).port(),
                security));
    }

    /**
     * Runs one call.
     *
     * @param service the service called
     * @param call the call's name, for the message
     * @param body the call
     * @return its answer
     * @throws ServiceCallException naming the service, address and call
     */
    public <T> T call(ServiceName service, String call, Supplier<T> body) {
        try {
            return body.get();
        } catch (StatusRuntimeException e) {
            throw new ServiceCallException(describe(service, call, e), e);
        }
    }

    /** {@return one line for a failed call} */
    String describe(ServiceName service, String call, StatusRuntimeException e) {
        String where = service.serviceName() + " at " + settings.target(service);
        Status status = e.getStatus();
        if (status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED) {
            return where + ": " + call + " refused: " + status.getCode() + (status.getDescription() == null ? ""
                    : ": " + status.getDescription()) + " (token: " + ClientSecurity.TOKEN_FILE_ENV + ")";
        }
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            return where + " is unreachable (" + (status.getDescription() == null ? "UNAVAILABLE"
                    : status.getDescription()) + "); is the system up (mdfe up)?";
        }
        return where + ": " + call + " failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }

    /** A service call failed; the message is the whole story. */
    public static final class ServiceCallException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ServiceCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
