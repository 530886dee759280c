package io.mdfe.service.common;

import com.google.protobuf.Timestamp;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfo;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * The {@code mdfe.common.v1.ServiceInfo} gRPC service: answers with the service's configured identity,
 * its build commit and when it started. Every service gets it by depending on this library.
 */
@GrpcService
public class ServiceInfoGrpcService implements ServiceInfo {

    private final ServiceIdentityConfig identity;
    private final BuildInfo build;
    private volatile Instant startTime;

    /**
     * Creates the service.
     *
     * @param identity the configured service identity
     */
    public ServiceInfoGrpcService(ServiceIdentityConfig identity) {
        this.identity = identity;
        this.build = BuildInfo.fromClasspath(Thread.currentThread().getContextClassLoader());
        // Replaced at startup; set here too so a call can never see null.
        this.startTime = Instant.now();
    }

    void onStart(@Observes StartupEvent event) {
        startTime = Instant.now();
    }

    /**
     * Answers without blocking: everything is already in memory.
     */
    @Override
    public Uni<GetInfoResponse> getInfo(GetInfoRequest request) {
        Instant started = startTime;
        return Uni.createFrom().item(GetInfoResponse.newBuilder()
                .setServiceName(identity.name())
                .setVersion(identity.version())
                .setGitCommit(build.gitCommit())
                .setStartTime(Timestamp.newBuilder()
                        .setSeconds(started.getEpochSecond())
                        .setNanos(started.getNano()))
                .putAllDetails(identity.details())
                .build());
    }
}
