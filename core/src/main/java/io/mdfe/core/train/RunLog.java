package io.mdfe.core.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The run's {@code train.log}: timestamped lines, appended and flushed one by one. */
public final class RunLog implements AutoCloseable {

    private final BufferedWriter out;

    /** Opens {@code file} for appending. */
    public RunLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Writes one line. */
    public void line(String format, Object... args) {
        try {
            out.write(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(java.util.Locale.ROOT, format, args));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
