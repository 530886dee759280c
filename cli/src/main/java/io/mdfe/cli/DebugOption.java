package io.mdfe.cli;

import picocli.CommandLine.Option;

/** The {@code --debug} flag shared by every command: print stack traces of errors. */
final class DebugOption {

    @Option(names = "--debug", description = "Print the stack trace of an error as well.")
    boolean debug;
}
