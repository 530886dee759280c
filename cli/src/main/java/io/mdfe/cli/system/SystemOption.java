package io.mdfe.cli.system;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --system FILE} option of {@code mdfe up}, {@code status}, {@code down}, {@code pipeline} and {@code events}. */
public final class SystemOption {

    /** The settings file used when {@code --system} is not given. */
    static final Path DEFAULT_FILE = Path.of("configs", "system.yaml");

    @Option(names = "--system", paramLabel = "FILE",
            description = "System settings (default: configs/system.yaml; built-in defaults when that file does not exist).")
    Path file;

    /** {@return the settings: from --system, else configs/system.yaml if present, else the defaults} */
    public SystemSettings settings() {
        Path workingDir = Path.of("").toAbsolutePath();
        if (file != null) {
            return SystemSettings.load(file, workingDir);
        }
        if (Files.isRegularFile(DEFAULT_FILE)) {
            return SystemSettings.load(DEFAULT_FILE, workingDir);
        }
        return SystemSettings.fromYaml("", "defaults", workingDir);
    }
}
