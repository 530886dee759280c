package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code configs/} directory from the core module's working directory. */
final class RepoPaths {

    private RepoPaths() {
    }

    /** {@return the repository's configs/ directory; fails (never skips) when it is missing} */
    static Path configsDir() {
        // Surefire runs in the module directory (core/); the repository root is its parent.
        Path configs = Path.of("").toAbsolutePath().getParent().resolve("configs");
        assertTrue(Files.isDirectory(configs), "configs/ directory not found at " + configs);
        return configs;
    }

    /** {@return a test resource under src/test/resources/config/} */
    static Path resource(String name) {
        Path path = Path.of("src/test/resources/config", name).toAbsolutePath();
        assertTrue(Files.isRegularFile(path), "test resource missing: " + path);
        return path;
    }
}
