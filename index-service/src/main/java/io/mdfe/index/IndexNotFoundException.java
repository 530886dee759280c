package io.mdfe.index;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/** No index of that name exists (gRPC NOT_FOUND). */
public final class IndexNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /** For the index {@code name}. */
    public IndexNotFoundException(String name) {
        super(Status.Code.NOT_FOUND, "no index named '" + name + "'");
    }
}
