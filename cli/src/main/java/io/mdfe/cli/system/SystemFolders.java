package io.mdfe.cli.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of a local system, all below its home ({@code folders.home}).
 *
 * @param home the absolute home folder
 */
public record SystemFolders(Path home) {

    /** {@return where datasets live: the data root every service accepts paths below} */
    public Path data() {
        return home.resolve("data");
    }

    /** {@return the trainer's run folders} */
    public Path runs() {
        return home.resolve("runs");
    }

    /** {@return exported backbones} */
    public Path models() {
        return home.resolve("models");
    }

    /** {@return the broker's data folder} */
    public Path kafka() {
        return home.resolve("kafka");
    }

    /** {@return the processes' log files} */
    public Path logs() {
        return home.resolve("logs");
    }

    /** {@return one service's own state (catalogues, jobs)} */
    public Path state(ServiceName service) {
        return home.resolve("state").resolve(service.key());
    }

    /** {@return the file {@code mdfe up} records the running system in} */
    public Path runState() {
        return home.resolve("run-state.properties");
    }

    /** Creates every folder. */
    public void create() {
        try {
            for (Path dir : new Path[] {data(), runs(), models(), kafka(), logs()}) {
                Files.createDirectories(dir);
            }
            for (ServiceName service : ServiceName.values()) {
                Files.createDirectories(state(service));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the system folders under " + home, e);
        }
    }
}
