package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a run folder for --resume cleans what a killed run left half-written. */
class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void openingARunFolderRestoresAnInterruptedCheckpointSwapAndDropsTemporaries() throws IOException {
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "SEED: 1\n");
        Path step = dir.resolve("checkpoints/step-20");
        AtomicFiles.writePath(step, tmp -> Files.writeString(Files.createDirectories(tmp).resolve("progress.json"), "{}"));
        // a kill between the two renames of a checkpoint replacement, and a curve never renamed into place
        Files.move(step, step.resolveSibling(".step-20.old-999999999-1"));
        Files.createDirectories(step.resolveSibling(".step-30.tmp-999999999-2")).resolve("neck.params").toFile()
                .createNewFile();
        Files.writeString(dir.resolve(".train_curve.csv.tmp-999999999-3"), "step,loss\n1,");

        RunDirectory.open(dir);

        assertEquals("{}", Files.readString(step.resolve("progress.json")));
        try (Stream<Path> all = Files.walk(dir)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().contains(".tmp-")
                    || p.getFileName().toString().contains(".old-")));
        }
    }
}
