package io.mdfe.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash-safe writes: replacement, interrupted directory swaps, leftovers, refusals, corrupt files. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesAFileAndLeavesNoTemporarySibling() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertEquals("two", Files.readString(file));
        assertEquals(List.of("state.json"), names(dir));
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndCleansUp() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFiles.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("state.json"), names(dir));
    }

    @Test
    void neverWritesAFileOverADirectoryNorTheOtherWayRound() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(folder.resolve("holiday.jpg"), "precious");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.writeString(folder, "vectors"));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertEquals("precious", Files.readString(folder.resolve("holiday.jpg")));

        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writePath(file, Files::createDirectories));
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of("notes.txt", "photos"), names(dir));
    }

    @Test
    void replacesADirectoryWhole() throws IOException {
        Path bundle = dir.resolve("bundle");
        writeDir(bundle, "v1");
        writeDir(bundle, "v2");
        assertEquals("v2", Files.readString(bundle.resolve("version")));
        assertEquals(List.of("bundle"), names(dir));
    }

    @Test
    void aCrashBetweenTheTwoRenamesOfASwapIsUndoneAtTheNextStart() throws IOException {
        Path bundle = dir.resolve("bundle");
        writeDir(bundle, "v1");
        // play the crash: the new content is complete, the old one moved aside, then the process dies
        Path fresh = SiblingName.fresh(bundle, SiblingName.Kind.TMP);
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("version"), "v2");
        Path old = DirectorySwap.aside(bundle);
        assertFalse(Files.exists(bundle));

        Leftovers.Report report = Leftovers.recover(dir, 1);

        assertEquals(List.of(bundle), report.restored());
        assertEquals(List.of(fresh), report.deleted());
        assertEquals("v1", Files.readString(bundle.resolve("version")));
        assertEquals(List.of("bundle"), names(dir));
        assertFalse(Files.exists(old));
    }

    @Test
    void aSwapInterruptedBeforeItsDeleteKeepsTheNewContent() throws IOException {
        Path bundle = dir.resolve("bundle");
        writeDir(bundle, "v1");
        Path old = DirectorySwap.aside(bundle);
        writeDir(bundle, "v2");

        Leftovers.recover(dir, 1);

        assertEquals("v2", Files.readString(bundle.resolve("version")));
        assertFalse(Files.exists(old));
    }

    @Test
    void cleansStaleTemporariesDownToTheGivenDepthButNotThoseOfALiveWriter() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run/checkpoints"));
        Path staleFile = Files.writeString(dir.resolve(".state.json.tmp-999999999-1"), "x");
        Path staleDir = Files.createDirectories(run.resolve(".step-10.tmp-999999999-2"));
        Files.writeString(staleDir.resolve("model"), "half");
        long liveOther = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = Files.writeString(dir.resolve(".catalog.json.tmp-" + liveOther + "-3"), "being written");
        Path tooDeep = Files.createDirectories(run.resolve("step-5/.bundle.tmp-999999999-4"));
        Path userFile = Files.writeString(dir.resolve(".hidden-but-mine"), "keep");

        Leftovers.Report report = Leftovers.recover(dir, 3);

        assertEquals(List.of(staleFile, staleDir).stream().sorted().toList(),
                report.deleted().stream().sorted().toList());
        assertFalse(Files.exists(staleFile));
        assertFalse(Files.exists(staleDir));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(tooDeep));
        assertTrue(Files.exists(userFile));
    }

    @Test
    void refusesANonEmptyOutputDirectoryUnlessForced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        AtomicFiles.requireEmptyOrAbsent(out, false, "--force");
        AtomicFiles.requireEmptyOrAbsent(dir.resolve("absent"), false, "--force");
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.requireEmptyOrAbsent(out, false, "--force"));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("--force"), e.getMessage());
        AtomicFiles.requireEmptyOrAbsent(out, true, "--force");
    }

    @Test
    void movesACorruptFileAsideWithAWarningNamingItAndWhatIsLost() throws IOException {
        Path file = Files.writeString(dir.resolve("catalog.json"), "{\"datasets\": [");
        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(CorruptFiles.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            Path aside = CorruptFiles.quarantine(file, new IOException("unexpected end of input"), "every dataset");
            assertFalse(Files.exists(file));
            assertEquals("{\"datasets\": [", Files.readString(aside));
            assertTrue(aside.getFileName().toString().startsWith("catalog.json.corrupt-"), aside.toString());
            assertEquals(1, logged.size());
            String message = logged.get(0).getMessage();
            assertEquals(java.util.logging.Level.WARNING, logged.get(0).getLevel());
            assertTrue(message.contains(file.toString()) && message.contains("every dataset")
                    && message.contains("unexpected end of input"), message);
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static void writeDir(Path target, String version) throws IOException {
        AtomicFiles.writePath(target, tmp -> {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("version"), version);
        });
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
