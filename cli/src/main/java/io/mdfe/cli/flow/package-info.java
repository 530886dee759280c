/**
 * The command line's view of the running system: where the services and Kafka are
 * ({@link io.mdfe.cli.flow.SystemEndpoints}), the event topics printed one line per event
 * ({@link io.mdfe.cli.flow.EventFormatter}, {@link io.mdfe.cli.flow.EventTail}) and one dataset driven through the
 * pipeline over the services' gRPC APIs ({@link io.mdfe.cli.flow.PipelineDriver}).
 */
package io.mdfe.cli.flow;
