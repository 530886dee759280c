package io.mdfe.service.common.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.core.io.PathDeniedException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Maps a service's failures onto gRPC statuses. Chosen statuses keep their message for the client (it
 * names the field or resource at fault); INTERNAL and UNKNOWN ones never reach a client with their text,
 * which may hold server paths or exception details: {@link #forClient} replaces it with a generic message
 * and a correlation id, and logs the full cause with the same id. Descriptions longer than
 * {@value #MAX_DESCRIPTION} characters are cut.
 */
public final class GrpcErrors {

    /** How a sanitized description starts; the correlation id follows. */
    public static final String INTERNAL_MESSAGE = "internal error; correlation id ";

    /** Longest description sent; longer ones (quoting a huge request field) are cut. */
    static final int MAX_DESCRIPTION = 1024;

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /**
     * The status a call that failed with {@code failure} ends with: a status already chosen stays, a
     * {@link ServiceException} becomes its code, a {@link PathDeniedException} PERMISSION_DENIED, anything
     * else INTERNAL (sanitized on its way out by {@link SanitizingInterceptor}).
     *
     * @param failure why the call failed
     * @return the failure as a status, its message the description
     */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException chosen) {
            return chosen;
        }
        Status status = failure instanceof ServiceException refused ? Status.fromCode(refused.code())
                : failure instanceof PathDeniedException ? Status.PERMISSION_DENIED : Status.INTERNAL;
        return toStatus(status, failure);
    }

    /**
     * {@code failure} as the given status, for the failures a service classifies itself.
     *
     * @param status the status
     * @param failure why the call failed
     * @return the status with the failure's message as the description and the failure as the cause
     */
    public static StatusRuntimeException toStatus(Status status, Throwable failure) {
        return status.withDescription(failure.getMessage()).withCause(failure).asRuntimeException();
    }

    /**
     * What a client may see of {@code status}: INTERNAL and UNKNOWN become a generic description with a new
     * correlation id, logged at ERROR with the original description and cause; other statuses pass as they are.
     *
     * @param status the status a call ends with
     * @param method the full gRPC method name, for the log
     * @return the status to send
     */
    public static Status forClient(Status status, String method) {
        if (status.getCode() != Status.Code.INTERNAL && status.getCode() != Status.Code.UNKNOWN) {
            String description = status.getDescription();
            // a message quoting a huge request field would not fit the trailers (HTTP/2 header size limit)
            return description == null || description.length() <= MAX_DESCRIPTION ? status
                    : status.withDescription(description.substring(0, MAX_DESCRIPTION) + "... (truncated)");
        }
        if (status.getDescription() != null && status.getDescription().startsWith(INTERNAL_MESSAGE)) {
            return status; // sanitized already (a status passed on by a nested call)
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(status.getCause(), "%s failed with %s [correlation id %s]: %s", method, status.getCode(), id,
                status.getDescription());
        return Status.fromCode(status.getCode()).withDescription(INTERNAL_MESSAGE + id);
    }
}
