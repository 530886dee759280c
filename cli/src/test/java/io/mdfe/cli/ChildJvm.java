package io.mdfe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code mdfe} in a child JVM with this test's class path, for tests that kill, signal or bound it. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * {@code java [jvmOptions] io.mdfe.cli.Mdfe [args]}.
     *
     * @param jvmOptions e.g. a heap limit
     * @param args the mdfe arguments
     */
    public static List<String> mdfe(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Mdfe.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
