package io.mdfe.core.index.milvus;

import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes {@link MilvusIndex}es on one Milvus server. The connection, with its secrets, belongs to the
 * factory and is never part of the backend parameters, so it never reaches saved files; a saved index
 * is reopened at the URI and database of its descriptor with this factory's credentials.
 */
public final class MilvusIndexFactory implements IndexFactory {

    private final MilvusConnection connection;

    /** A factory whose indexes live on the server of {@code connection}. */
    public MilvusIndexFactory(MilvusConnection connection) {
        this.connection = connection;
    }

    /**
     * Creates the collection of a new index; parameters are those of {@link MilvusIndexOptions}.
     *
     * @throws IllegalArgumentException for invalid parameters
     * @throws IllegalStateException when the collection already exists
     */
    @Override
    public MilvusIndex create(IndexSpec spec, Map<String, String> params) {
        return MilvusIndex.create(spec, connection, MilvusIndexOptions.fromParams(params));
    }

    @Override
    public VectorIndex load(Path dir) throws IOException {
        MilvusDescriptor descriptor = MilvusDescriptor.read(dir);
        MilvusConnection saved = connection.at(descriptor.uri(), descriptor.database());
        try {
            return MilvusIndex.reopen(descriptor.spec(), saved, MilvusIndexOptions.fromParams(descriptor.options()),
                    descriptor.vectors());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(dir + ": cannot reopen Milvus index: " + e.getMessage(), e);
        }
    }

    /** Names the server, never the credentials. */
    @Override
    public String toString() {
        return "MilvusIndexFactory[" + connection + "]";
    }
}
