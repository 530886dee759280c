/**
 * The local system launcher: {@code mdfe up}, {@code mdfe status} and {@code mdfe down}. Settings come from
 * {@code configs/system.yaml} ({@link io.mdfe.cli.system.SystemSettings}, keys in
 * {@link io.mdfe.cli.system.SystemSchema}); {@link io.mdfe.cli.system.LaunchPlan} turns them into command
 * lines of the packaged jars; {@link io.mdfe.cli.system.SystemLauncher} starts, waits for and stops the
 * processes; {@link io.mdfe.cli.system.RunState} records them for the other shells.
 */
package io.mdfe.cli.system;
