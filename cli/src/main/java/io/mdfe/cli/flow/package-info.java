/**
 * The command line's view of the running system (located by {@link io.mdfe.cli.system.SystemSettings}): the event topics printed one line per event
 * ({@link io.mdfe.cli.flow.EventFormatter}, {@link io.mdfe.cli.flow.EventTail}) and one dataset driven through the
 * pipeline over the services' gRPC APIs ({@link io.mdfe.cli.flow.PipelineDriver}).
 */
package io.mdfe.cli.flow;
