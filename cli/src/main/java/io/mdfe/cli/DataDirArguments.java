package io.mdfe.cli;

import io.mdfe.core.config.MdfeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The positional arguments after {@code mdfe train}'s CONFIG: an optional DATA_DIR, then KEY=VALUE
 * overrides. Upstream's {@code train.py CONFIG DATA_DIR} keeps working; when DATA_DIR is left out,
 * {@code DATASET.root} of the config names the data folder. A first argument shaped like an override
 * ({@code SECTION...=value}, an upper-case section as every config key has) is an override, not a folder.
 *
 * @param dataDir the DATA_DIR given, or null
 * @param overrides the KEY=VALUE overrides, in order
 */
record DataDirArguments(Path dataDir, List<String> overrides) {

    private static final Pattern OVERRIDE = Pattern.compile("[A-Z][A-Z0-9_]*(\\.[A-Za-z0-9_]+)*=.*", Pattern.DOTALL);

    /** {@return whether {@code argument} is a KEY=VALUE override rather than a path} */
    static boolean isOverride(String argument) {
        return OVERRIDE.matcher(argument).matches();
    }

    /** Splits the arguments after CONFIG. */
    static DataDirArguments split(List<String> arguments) {
        if (arguments.isEmpty() || isOverride(arguments.get(0))) {
            return new DataDirArguments(null, List.copyOf(arguments));
        }
        return new DataDirArguments(Path.of(arguments.get(0)), List.copyOf(arguments.subList(1, arguments.size())));
    }

    /**
     * {@return the data folder: DATA_DIR when given, else DATASET.root}
     *
     * @param config the config file, named in the error when neither is set
     * @throws IllegalArgumentException naming DATA_DIR or DATASET.root when the folder does not exist, or
     *                                  both when neither is set
     */
    Path dataDir(MdfeConfig cfg, Path config) {
        Path dir;
        String what;
        if (dataDir != null) {
            dir = dataDir;
            what = "DATA_DIR " + dataDir;
        } else if (!cfg.dataset().root().isBlank()) {
            dir = Path.of(cfg.dataset().root());
            what = "DATASET.root " + dir + " (DATA_DIR not given)";
        } else {
            throw new IllegalArgumentException("no data folder: give DATA_DIR after CONFIG, or set DATASET.root in "
                    + config + " (or DATASET.root=<folder>)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + ": no such folder");
        }
        return dir;
    }
}
