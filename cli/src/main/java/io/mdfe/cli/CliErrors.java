package io.mdfe.cli;

import picocli.CommandLine;

/**
 * Turns failures into one readable line on stderr and a non-zero exit code, never a bare stack
 * trace; {@code --debug} (or MDFE_DEBUG=1) prints the trace as well.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** Exit code for bad input: config, files, arguments. */
    static final int USER_ERROR = 2;
    /** Exit code for failures inside mdfe itself. */
    static final int INTERNAL_ERROR = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = debugRequested(parsed) || "1".equals(System.getenv("MDFE_DEBUG"));
        cmd.getErr().println("mdfe " + cmd.getCommandName() + ": error: " + describe(e));
        if (debug) {
            e.printStackTrace(cmd.getErr());
        }
        return isUserError(e) ? USER_ERROR : INTERNAL_ERROR;
    }

    /** {@code --debug} anywhere: the parse result given here is the top command's, the option is a subcommand's. */
    private static boolean debugRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException
                || e instanceof io.mdfe.core.config.ConfigException
                || e instanceof io.mdfe.core.model.backbone.BackboneException
                || e instanceof io.mdfe.core.data.pipeline.PipelineException
                || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalStateException;
    }

    /** The most specific message in the cause chain. */
    static String describe(Throwable e) {
        Throwable t = e;
        String message = t.getMessage();
        while (t.getCause() != null && t.getCause() != t && (message == null || message.isBlank())) {
            t = t.getCause();
            message = t.getMessage();
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
