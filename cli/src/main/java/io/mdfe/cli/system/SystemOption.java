package io.mdfe.cli.system;

import io.mdfe.service.common.security.client.ClientSecurity;
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

    /**
     * How the CLI reaches the services: the same variables the services (and so those {@code mdfe up}
     * starts, which inherit them) read: {@code MDFE_TLS_ENABLED}, {@code MDFE_TLS_DIR} (ca.crt, and
     * tls.crt + tls.key for mutual TLS) and {@value ClientSecurity#TOKEN_FILE_ENV}. Plaintext without a token
     * when none is set.
     *
     * @return the client security
     * @throws IllegalArgumentException naming the variable or file that is wrong
     */
    public static ClientSecurity security() {
        return ClientSecurity.fromEnvironment(System.getenv());
    }

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
