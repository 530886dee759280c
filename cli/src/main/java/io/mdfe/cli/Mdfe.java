package io.mdfe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mdfe} command: entry point of the command line. */
@Command(name = "mdfe", mixinStandardHelpOptions = true, versionProvider = MdfeVersion.class,
        description = "Universal image embeddings (MDFE2 on the JVM): build, embed, train and evaluate.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, BundleCommand.class, ExtractCommand.class, MakeDemoDataCommand.class,
                io.mdfe.cli.system.UpCommand.class, io.mdfe.cli.system.StatusCommand.class, io.mdfe.cli.system.DownCommand.class,
                PipelineCommand.class, EventsCommand.class, CommandLine.HelpCommand.class})
public final class Mdfe {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (used by tests to run commands in-process). */
    public static CommandLine commandLine() {
        return new CommandLine(new Mdfe())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new CliErrors())
                .setParameterExceptionHandler(new CliUsageErrors());
    }
}
