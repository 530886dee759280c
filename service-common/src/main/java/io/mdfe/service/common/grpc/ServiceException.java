package io.mdfe.service.common.grpc;

import io.grpc.Status;

/**
 * A failure the service answers with a chosen gRPC status instead of INTERNAL; {@link GrpcErrors} turns it
 * into that status. The message reaches the client as the status description, so it names the request
 * field, file or resource at fault (except for INTERNAL and UNKNOWN, which {@link GrpcErrors#forClient}
 * replaces with a correlation id).
 */
public class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Status.Code code;

    /**
     * @param code the status the client gets
     * @param message why, naming what is at fault
     */
    public ServiceException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code the status the client gets
     * @param message why, naming what is at fault
     * @param cause the underlying failure, or null
     */
    public ServiceException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** {@return the status the client gets} */
    public Status.Code code() {
        return code;
    }

    /**
     * The request itself is wrong, whatever the service's state: a malformed field, an unknown name, a path
     * outside the allowed root.
     *
     * @param message starts with the request field at fault
     * @return an INVALID_ARGUMENT failure
     */
    public static ServiceException invalidArgument(String message) {
        return new ServiceException(Status.Code.INVALID_ARGUMENT, message);
    }

    /**
     * Something the request names does not exist.
     *
     * @param message starts with the request field at fault
     * @return a NOT_FOUND failure
     */
    public static ServiceException notFound(String message) {
        return new ServiceException(Status.Code.NOT_FOUND, message);
    }

    /**
     * A size the client set exceeds the server's limit.
     *
     * @param field the request field
     * @param value what the client asked for
     * @param limit the largest value allowed
     * @param configKey the config key that sets the limit
     * @return an INVALID_ARGUMENT failure naming the field and the limit
     */
    public static ServiceException overLimit(String field, long value, long limit, String configKey) {
        return invalidArgument(field + ": " + value + " exceeds the limit " + limit + " (" + configKey + ")");
    }

    /**
     * The request is well formed, but the data or the service's state does not allow it.
     *
     * @param message says what is in the way
     * @return a FAILED_PRECONDITION failure
     */
    public static ServiceException failedPrecondition(String message) {
        return new ServiceException(Status.Code.FAILED_PRECONDITION, message);
    }
}
