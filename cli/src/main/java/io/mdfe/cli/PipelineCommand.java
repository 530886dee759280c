package io.mdfe.cli;

import io.mdfe.cli.flow.PipelineDriver;
import io.mdfe.cli.flow.ServiceCalls;
import io.mdfe.cli.system.SystemOption;
import io.mdfe.cli.system.SystemSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe pipeline}: one dataset through the running system (see {@link PipelineDriver}), then the test table
 * and the path of the run report.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Register a dataset with the running system (mdfe up) and follow its recipe's run through"
                + " training, val evaluation of each checkpoint and the final test evaluation; every event is printed"
                + " as it arrives. Talks to the services' gRPC APIs and Kafka only.")
final class PipelineCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "A config file, a name under configs/ (demo = "
            + "configs/demo.yaml), or a recipe the trainer-service already has.")
    String recipe;

    @Parameters(index = "1", paramLabel = "DATA_DIR", description = "The dataset folder (under the services' allowed"
            + " data root).")
    Path dataDir;

    @Mixin
    SystemOption system;

    @Option(names = "--dataset-id", description = "The data-service id of the dataset (default: the folder's name).")
    String datasetId;

    @Option(names = "--configs", defaultValue = "configs", description = "Where recipe names are looked up"
            + " (default ${DEFAULT-VALUE}).")
    Path configs;

    @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to wait for the test evaluation once"
            + " training ended (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SystemSettings settings = system.settings();
        try (ServiceCalls services = new ServiceCalls(settings, SystemOption.security())) {
            PipelineDriver.Outcome outcome = new PipelineDriver(services, settings, out,
                    Duration.ofSeconds(timeoutSeconds)).run(recipe, configs, dataDir, datasetId);
            out.println();
            out.println("Test evaluation of " + outcome.test().getModel().getModelId() + "@"
                    + outcome.test().getModel().getVersion() + " (" + outcome.test().getRequest().getIndexBackend()
                    + " search" + (outcome.test().hasRecallAt1() ? String.format(java.util.Locale.ROOT,
                    ", recall@1 vs exact %.4f", outcome.test().getRecallAt1()) : "") + "):");
            out.print(PipelineDriver.table(outcome.test()));
            out.println(outcome.report() != null ? "run report: " + outcome.report()
                    : "run report: not written (see the eval-service log); run folder " + outcome.run().getRunDir());
            out.flush();
        }
        return 0;
    }
}
