package io.mdfe.core.data.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Builds small data roots (CSV sets, UnED info files and image folders) in a test's temp dir. */
public final class TestDataRoot {

    private final Path root;

    /** A data root at {@code root} (usually a {@code @TempDir}). */
    public TestDataRoot(Path root) {
        this.root = root;
    }

    /** {@return the root folder} */
    public Path root() {
        return root;
    }

    /** Writes {@code <root>/<name>_train.csv}; returns the file. */
    public Path csv(String name, String text) {
        return write(name + "_train.csv", text);
    }

    /** Writes {@code info_files/<domain>/<split>.json} and creates {@code images/<domain>}; returns the file. */
    public Path unedInfo(String domain, String split, String json) {
        mkdirs("images/" + domain);
        return write("info_files/" + domain + "/" + split + ".json", json);
    }

    /** Writes a UTF-8 text file at {@code relative}; returns it. */
    public Path write(String relative, String text) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Creates the folder {@code relative} (and its parents); returns it. */
    public Path mkdirs(String relative) {
        try {
            return Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return SHA-256 hex of a file, computed independently of the code under test} */
    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
