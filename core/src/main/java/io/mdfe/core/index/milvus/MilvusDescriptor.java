package io.mdfe.core.index.milvus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The saved form of a {@link MilvusIndex}, {@code milvus-index.json}: where the collection is (public
 * URI and database, never credentials), what it holds and how it is indexed.
 *
 * @param format always {@link #FORMAT}
 * @param uri server URI without user info
 * @param database Milvus database
 * @param modelId spec: model id
 * @param modelVersion spec: model version
 * @param dim spec: width
 * @param metric spec: metric id
 * @param options {@link MilvusIndexOptions#toParams()}
 * @param vectors indexed vectors
 */
record MilvusDescriptor(String format, String uri, String database, String modelId, String modelVersion, int dim,
                        String metric, Map<String, String> options, long vectors) {

    static final String FILE = "milvus-index.json";
    static final String FORMAT = "mdfe-milvus-index/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static MilvusDescriptor of(MilvusConnection connection, IndexSpec spec, MilvusIndexOptions options, long vectors) {
        return new MilvusDescriptor(FORMAT, connection.publicUri(), connection.databaseName(), spec.modelId(),
                spec.modelVersion(), spec.dim(), spec.metric().id(), options.toParams(), vectors);
    }

    /**
     * Reads {@code dir/milvus-index.json}.
     *
     * @throws IOException when it is missing, unreadable or not a Milvus index descriptor
     */
    static MilvusDescriptor read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a saved Milvus index (no " + FILE + ")");
        }
        MilvusDescriptor descriptor = JSON.readValue(file.toFile(), MilvusDescriptor.class);
        if (!FORMAT.equals(descriptor.format())) {
            throw new IOException(file + ": format '" + descriptor.format() + "', expected '" + FORMAT + "'");
        }
        return descriptor;
    }

    void writeTo(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    IndexSpec spec() {
        return new IndexSpec(modelId, modelVersion, dim, Metric.parse(metric));
    }
}
