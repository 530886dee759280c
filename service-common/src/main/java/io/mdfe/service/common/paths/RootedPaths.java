package io.mdfe.service.common.paths;

import io.grpc.Status;
import io.mdfe.core.io.PathDeniedException;
import io.mdfe.core.io.PathPolicy;
import io.mdfe.service.common.grpc.ServiceException;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's {@link PathPolicy}: paths from requests, request configs and events confined to configured roots,
 * a refusal being a PERMISSION_DENIED {@link ServiceException} that names the field and says nothing about
 * whether the path exists.
 */
public final class RootedPaths {

    private final PathPolicy policy;

    /**
     * @param rootsName the config keys that set the roots, for the message
     * @param roots the allowed roots
     */
    public RootedPaths(String rootsName, List<Path> roots) {
        this.policy = new PathPolicy(rootsName, roots);
    }

    /**
     * @param field the request field, config key or event field the path came from
     * @param value the path as given
     * @return the real path it leads to, inside a root
     * @throws ServiceException PERMISSION_DENIED when it leads outside every root
     */
    public Path confine(String field, String value) {
        try {
            return policy.confine(field, value);
        } catch (PathDeniedException e) {
            throw denied(e);
        }
    }

    /** {@link #confine(String, String)} for a path. */
    public Path confine(String field, Path value) {
        try {
            return policy.confine(field, value);
        } catch (PathDeniedException e) {
            throw denied(e);
        }
    }

    private static ServiceException denied(PathDeniedException e) {
        return new ServiceException(Status.Code.PERMISSION_DENIED, e.getMessage(), e);
    }
}
