package io.mdfe.data;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * The data-service's own settings, under {@code mdfe.data}.
 *
 * <pre>
 * mdfe.data.allowed-root=/data
 * mdfe.data.state-dir=/var/lib/mdfe/data-service
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.data")
public interface DataServiceConfig {

    /**
     * The only directory tree datasets may be registered from. Registration resolves symbolic links and
     * {@code ..} before checking, so a path cannot escape it.
     *
     * @return the allowed data root
     */
    Path allowedRoot();

    /**
     * Where the catalog keeps its state: {@code catalog.json} and one frozen manifest per version.
     *
     * @return the state directory, created when missing
     */
    Path stateDir();

    /**
     * How many version manifests stay in memory for paging and streaming; each holds every sample path
     * of one version.
     *
     * @return the cache size
     */
    @WithDefault("4")
    int manifestCacheSize();
}
