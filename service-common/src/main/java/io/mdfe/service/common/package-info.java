/**
 * What every MDFE Quarkus service shares: its identity ({@link io.mdfe.service.common.ServiceIdentityConfig}),
 * its build information ({@link io.mdfe.service.common.BuildInfo}) and the {@code mdfe.common.v1.ServiceInfo}
 * gRPC service that reports both ({@link io.mdfe.service.common.ServiceInfoGrpcService}), and the watch that
 * shuts a service down when the {@code mdfe up} that launched it is gone
 * ({@link io.mdfe.service.common.ParentProcessWatch}).
 *
 * <p>The jar carries a Jandex index so that Quarkus discovers these beans in each service, and
 * {@code META-INF/microprofile-config.properties} with the defaults all services use (gRPC on the HTTP
 * port, gRPC health and reflection on, Dev Services off). A service's own {@code application.properties}
 * overrides any of them.
 */
package io.mdfe.service.common;
