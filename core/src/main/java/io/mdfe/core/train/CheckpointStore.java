package io.mdfe.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mdfe.core.Provenance;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.model.TrainingNetwork;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.core.train.optim.TrainingOptimizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints of a run, one folder per save point, each written atomically:
 * <pre>
 * checkpoints/step-&lt;N&gt;/
 *   bundle/          the inference model bundle (serving, evaluation)
 *   head.params      the margin head's weights and state (AdaCos s, CurricularFace t, AdaFace stats)
 *   optimizer.bin    the optimizer's moments and step counter
 *   progress.json    {@link CheckpointState}
 * </pre>
 * The neck and a trainable backbone are restored from the bundle, so they are stored once.
 */
public final class CheckpointStore {

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    /** A store in {@code dir} (a run's {@code checkpoints/} folder). */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The folder of the checkpoint at {@code step}. */
    public Path folder(long step) {
        return dir.resolve("step-" + step);
    }

    /**
     * Writes a checkpoint of the network and optimizer.
     *
     * @param ids model id and version recorded in the bundle
     * @param configYaml the resolved config
     * @param storage how the bundle holds the backbone
     */
    public CheckpointInfo save(TrainingNetwork network, TrainingOptimizer optimizer, CheckpointState state,
                               ModelIds ids, String configYaml, BackboneStorage storage) throws IOException {
        Path target = folder(state.step());
        AtomicFiles.writePath(target, tmp -> {
            Files.createDirectories(tmp);
            ModelBundle.write(tmp.resolve("bundle"), network.embedding(), ids, configYaml, storage,
                    Provenance.current());
            writeStream(tmp.resolve("head.params"), out -> network.head().saveParameters(new DataOutputStream(out)));
            writeStream(tmp.resolve("optimizer.bin"), out -> optimizer.saveState(new DataOutputStream(out)));
            JSON.writeValue(tmp.resolve("progress.json").toFile(), state);
        });
        return new CheckpointInfo(state.step(), state.epoch(), target, target.resolve("bundle"));
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("progress.json")))
                    .max(Comparator.comparingLong(CheckpointStore::stepOf));
        }
    }

    /** Reads a checkpoint's {@code progress.json}. */
    public static CheckpointState readState(Path checkpoint) throws IOException {
        return JSON.readValue(checkpoint.resolve("progress.json").toFile(), CheckpointState.class);
    }

    /**
     * Loads the head's parameters and the optimizer's state of a checkpoint; the network's neck and
     * backbone come from its bundle (see {@link io.mdfe.core.model.ModelFactory}).
     */
    public static void restore(Path checkpoint, TrainingNetwork network, TrainingOptimizer optimizer,
                               NDManager manager) throws IOException {
        readStream(checkpoint.resolve("head.params"), in -> loadBlock(network.head(), manager, in, checkpoint));
        readStream(checkpoint.resolve("optimizer.bin"), in -> optimizer.loadState(new DataInputStream(in), manager));
    }

    private static void loadBlock(Block block, NDManager manager, InputStream in, Path checkpoint) throws IOException {
        try {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (MalformedModelException e) {
            throw new IOException(checkpoint.resolve("head.params") + ": " + e.getMessage(), e);
        }
    }

    private static long stepOf(Path folder) {
        Matcher m = STEP_DIR.matcher(folder.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private interface StreamReader {
        void read(InputStream in) throws IOException;
    }

    private static void writeStream(Path file, StreamWriter writer) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writer.write(out);
        }
    }

    private static void readStream(Path file, StreamReader reader) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            reader.read(in);
        }
    }
}
