package io.mdfe.service.common.paths;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where model bundles and other training artifacts named by requests and events may lie:
 * {@code mdfe.artifact-roots} (comma-separated; default the trainer's runs directory and the exported
 * backbones, see service-common's {@code META-INF/microprofile-config.properties}).
 */
@ApplicationScoped
public class ArtifactRoots {

    /** The config key. */
    public static final String KEY = "mdfe.artifact-roots";

    private final RootedPaths paths;

    /** @param roots the configured roots */
    @Inject
    public ArtifactRoots(@ConfigProperty(name = KEY) List<Path> roots) {
        this.paths = new RootedPaths(KEY, roots);
    }

    /**
     * @param field the request or event field the path came from
     * @param value the path as given
     * @return the real path it leads to
     * @throws io.mdfe.service.common.grpc.ServiceException PERMISSION_DENIED outside every root
     */
    public Path confine(String field, String value) {
        return paths.confine(field, value);
    }

    /** {@link #confine(String, String)} for a path. */
    public Path confine(String field, Path value) {
        return paths.confine(field, value);
    }
}
