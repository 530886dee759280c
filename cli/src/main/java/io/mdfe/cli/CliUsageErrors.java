package io.mdfe.cli;

import picocli.CommandLine;

/** Bad arguments: one line naming the problem plus the command's usage, exit code 2. */
final class CliUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("mdfe " + cmd.getCommandName() + ": error: " + e.getMessage());
        cmd.usage(cmd.getErr());
        return CliErrors.USER_ERROR;
    }
}
