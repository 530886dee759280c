package io.mdfe.embedder.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.core.io.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers which bundle the service serves, so a restart serves it again instead of the initial bundle:
 * {@code <state-dir>/served-model.json}, rewritten crash-safely ({@link AtomicFiles}) after every load that
 * went into service (LoadModel, a checkpoint event, the start itself). An unreadable file is moved aside
 * ({@link CorruptFiles}) and the service starts from its initial bundle.
 */
public final class ServedModelStore {

    /**
     * What is persisted.
     *
     * @param formatVersion lets a later release migrate old files
     * @param bundleUri where the bundle was loaded from
     * @param modelId the bundle's model id, for the logs
     * @param version the bundle's model version, for the logs
     */
    public record ServedModel(int formatVersion, String bundleUri, String modelId, String version) {
    }

    static final String FILE = "served-model.json";
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path file;

    /**
     * @param stateDir the embedder's state directory, created on first write
     */
    public ServedModelStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    /**
     * {@return the model served before the last stop, if one was recorded and the file is readable}
     *
     * @throws UncheckedIOException when the state directory cannot be cleaned or a corrupt file moved aside
     */
    public Optional<ServedModel> load() {
        try {
            Leftovers.recoverSiblingsOf(file);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try {
                ServedModel saved = JSON.readValue(file.toFile(), ServedModel.class);
                if (saved == null || saved.formatVersion() != FORMAT_VERSION || saved.bundleUri() == null
                        || saved.bundleUri().isBlank()) {
                    throw new IOException("no bundle_uri of format version " + FORMAT_VERSION + " in it");
                }
                return Optional.of(saved);
            } catch (IOException e) {
                CorruptFiles.quarantine(file, e, "the model served before the restart; the initial bundle is served");
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Records {@code model} as the one to serve after a restart.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void save(BundleModel model) {
        ServedModel served = new ServedModel(FORMAT_VERSION, model.uri().toString(), model.modelId(), model.version());
        try {
            AtomicFiles.write(file, out -> JSON.writeValue(out, served));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
