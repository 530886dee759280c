package io.mdfe.index;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/** An index of that name exists already (gRPC ALREADY_EXISTS). */
public final class IndexExistsException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /** For the index {@code name}. */
    public IndexExistsException(String name) {
        super(Status.Code.ALREADY_EXISTS,
                "an index named '" + name + "' exists already; delete it first or choose another name");
    }
}
