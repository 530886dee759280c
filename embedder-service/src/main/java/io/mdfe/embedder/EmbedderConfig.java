package io.mdfe.embedder;

import io.mdfe.embedder.batching.BatcherSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedder-service's own settings, under {@code mdfe.embedder}.
 *
 * <pre>
 * mdfe.embedder.initial-bundle=file:///models/bundles/demo   # optional; readiness is DOWN until a model is loaded
 * mdfe.embedder.model-dir=/models                            # exported backbones of REFERENCE bundles
 * mdfe.embedder.state-dir=/var/lib/mdfe/embedder-service     # the model served, for restarts
 * mdfe.embedder.instance-id=embedder-0                       # default: the host name (the pod's, in a StatefulSet)
 * mdfe.embedder.allowed-image-root=/data                     # image URIs must lie below it
 * mdfe.embedder.batching.max-batch-size=32
 * mdfe.embedder.batching.max-wait=5ms
 * mdfe.embedder.batching.queue-capacity=1024
 * mdfe.embedder.batching.workers=2
 * mdfe.embedder.max-images-per-request=256
 * mdfe.embedder.max-image-pixels=64000000                    # larger images fail from their header
 * mdfe.embedder.stream-window=16
 * mdfe.embedder.reload.model-id=demo                         # optional filter for CheckpointSaved events
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.embedder")
public interface EmbedderConfig {

    /**
     * The bundle to serve from startup: {@code file:///...} or an absolute path.
     *
     * @return the bundle location, if any
     */
    Optional<String> initialBundle();

    /**
     * Where exported backbones live, for bundles that reference theirs instead of copying them.
     *
     * @return the model directory
     */
    Path modelDir();

    /**
     * Where the service records the model it serves ({@code served-model.json}), to serve it again after
     * a restart; on a persistent volume in Kubernetes.
     *
     * @return the state directory
     */
    Path stateDir();

    /**
     * Names this replica: its Kafka consumer group is {@code embedder-service-<instance id>}, so a restarted
     * replica resumes its own group where it stopped. Defaults to the host name ({@link InstanceIdConfigSource}),
     * which a StatefulSet keeps stable per pod; replicas must have distinct ids, as each must see every event.
     *
     * @return the instance id
     */
    String instanceId();

    /**
     * Image URIs must resolve (symbolic links and {@code ..} included) to a file below this directory.
     *
     * @return the allowed image root
     */
    Path allowedImageRoot();

    /** @return how requests are batched */
    Batching batching();

    /**
     * Larger requests are rejected with INVALID_ARGUMENT; at most the queue capacity.
     *
     * @return images per Embed request at most
     */
    @WithDefault("256")
    int maxImagesPerRequest();

    /**
     * Images whose header declares more pixels (width x height) fail with INVALID_ARGUMENT before any
     * pixel is decoded (image bombs), as DATASET.max_image_pixels does in training.
     *
     * @return pixels per image at most
     */
    @WithDefault("64000000")
    long maxImagePixels();

    /**
     * How many requests of one EmbedStream are in the batcher at once; the stream reads no further
     * requests from the client until one finishes (flow control).
     *
     * @return requests in flight per stream
     */
    @WithDefault("16")
    int streamWindow();

    /** @return which checkpoint events reload the model */
    Reload reload();

    /** Dynamic batching: {@link BatcherSettings}. */
    interface Batching {

        /** @return images per forward pass at most */
        @WithDefault("32")
        int maxBatchSize();

        /** @return how long a batch waits for images still being decoded */
        @WithDefault("5ms")
        Duration maxWait();

        /** @return images admitted and unfinished at most; beyond it, RESOURCE_EXHAUSTED */
        @WithDefault("1024")
        int queueCapacity();

        /** @return image reading, decoding and transform threads */
        @WithDefault("2")
        int workers();

        /** {@return these settings for the batcher} */
        default BatcherSettings settings() {
            return new BatcherSettings(maxBatchSize(), maxWait(), queueCapacity(), workers());
        }
    }

    /** Hot reload on {@code CheckpointSaved} events of topic {@code mdfe.training-events}. */
    interface Reload {

        /** @return only checkpoints of this model id reload the served model; all when empty */
        Optional<String> modelId();
    }
}
