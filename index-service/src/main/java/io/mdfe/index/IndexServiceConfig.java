package io.mdfe.index;

import io.mdfe.service.common.IndexParamLimitsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Configuration of the index-service under {@code mdfe.index}.
 *
 * <pre>
 * mdfe.index.state-dir=/var/lib/mdfe/index
 * mdfe.index.milvus.uri=http://milvus:19530
 * mdfe.index.milvus.token=${MILVUS_TOKEN}
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.index")
public interface IndexServiceConfig {

    /** Where the catalogue and the saved indexes live. */
    @WithDefault("${user.home}/.mdfe/index")
    Path stateDir();

    /** The Milvus server of the {@code milvus} backend; without a URI that backend is off. */
    Milvus milvus();

    /** Server-side caps on the sizes a client sets; over-limit requests get INVALID_ARGUMENT. */
    Limits limits();

    /**
     * Caps under {@code mdfe.index.limits}; see {@link IndexLimits}. The caps on backend parameters
     * ({@code max-trees}, {@code max-threads}, {@code max-search-k}, {@code max-recall-sample}) are the group
     * eval-service shares.
     */
    interface Limits extends IndexParamLimitsConfig {
        /** Largest {@code spec.dim}. */
        @WithDefault("4096")
        int maxDim();

        /** Largest Search {@code k}. */
        @WithDefault("1000")
        int maxK();

        /** Most queries in one Search. */
        @WithDefault("10000")
        int maxQueries();

        /** Most result rows ({@code queries x k}) in one Search. */
        @WithDefault("1000000")
        long maxResults();

        /** Most vectors one AddVectors stream may add. */
        @WithDefault("10000000")
        long maxVectorsPerAdd();

        /** Most indexes created but not built yet (they live in memory). */
        @WithDefault("16")
        int maxUnbuilt();
    }

    /** Connection of the {@code milvus} backend (see {@link io.mdfe.core.index.milvus.MilvusConnection}). */
    interface Milvus {
        /** Server address, e.g. {@code http://localhost:19530}. */
        Optional<String> uri();

        /** API key or {@code user:password}. */
        Optional<String> token();

        /** User name (with {@link #password()}), instead of a token. */
        Optional<String> user();

        /** Password of {@link #user()}. */
        Optional<String> password();

        /** Database; Milvus's {@code default} when unset. */
        Optional<String> database();
    }
}
