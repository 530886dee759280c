package io.mdfe.cli;

import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.demo.DemoSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe make-demo-data}: writes the synthetic demo set (training CSV + UnED tree) that
 * {@code configs/demo.yaml} trains and evaluates on, then prints what it holds.
 */
@Command(name = "make-demo-data", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic multi-domain image set: <dir>/demo_train.csv (M4D format)"
                + " and <dir>/info_files + <dir>/images (UnED format).")
final class MakeDemoDataCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write (must be empty or absent unless --force).")
    Path dir;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same bytes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "small", description = "small (the demo, ~3k images) or ci (a tiny set for tests) (default ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--force", description = "Replace a non-empty DIR.")
    boolean force;

    @Option(names = "--workers", defaultValue = "2", description = "Rendering threads (default ${DEFAULT-VALUE}); the output does not depend on it.")
    int workers;

    @Override
    public Integer call() throws Exception {
        OptionChecks.within("--workers", workers, 1, 256);
        DemoSummary summary = new DemoDataGenerator(seed, DemoScale.named(scale), workers).write(dir, force);
        spec.commandLine().getOut().println(summary.table());
        return 0;
    }
}
