package io.mdfe.eval.index;

import io.grpc.Channel;
import io.mdfe.core.index.IndexFactory;
import io.mdfe.eval.EvalServiceConfig;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The eval-service's client of the index-service ({@code quarkus.grpc.clients.index.host} and {@code .port}).
 * Application-scoped, so the channel is made on the first final evaluation, not at startup.
 */
@ApplicationScoped
public class IndexServiceClient {

    @GrpcClient("index")
    Channel channel;

    @ConfigProperty(name = "quarkus.grpc.clients.index.host")
    String host;

    @ConfigProperty(name = "quarkus.grpc.clients.index.port")
    int port;

    private final Duration timeout;

    IndexServiceClient(EvalServiceConfig config) {
        this.timeout = Duration.ofSeconds(config.finalEvaluation().indexCallTimeoutSeconds());
    }

    /**
     * {@return a factory of index-service indexes named {@code eval-<jobId>-<n>}}
     *
     * @param backend the index-service backend
     * @param jobId the evaluation job
     */
    public IndexFactory indexesOf(String backend, String jobId) {
        return new IndexServiceIndexes(channel, host + ":" + port, backend, "eval-" + jobId, timeout);
    }
}
