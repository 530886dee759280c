/**
 * The {@code mdfe} command line: one picocli subcommand per upstream command (train, evaluate,
 * extract, demo) plus tools around them. Commands stay thin: the work happens in {@code mdfe-core}.
 */
package io.mdfe.cli;
