package io.mdfe.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.Timestamp;
import io.mdfe.cli.system.ServiceName;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetUpdated;
import io.mdfe.testing.kafka.TopicWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bench/pipeline, part (i): end-to-end event latency on the running system, publish to applied. The bench publishes
 * DatasetUpdated events (CloudEvents headers, as the data-service's outbox relay does) onto
 * {@code mdfe.dataset-events}, one every {@code gapMillis} so that the latency is not queueing behind a burst;
 * trainer-service's idempotent consumer applies each (the dataset's new version recorded durably in its
 * {@code datasets.json}, after which its retraining rules run) and then appends the event's ce_id to its
 * processed-events file, which this bench tails. Latency = the moment the id appears in that file minus the moment
 * {@code send} was called: Kafka producer, broker, consumer poll, deserialization, the durable apply and the
 * id's durable record. Prints one line per figure, read by bench/pipeline.
 *
 * <p>Arguments: a work folder, the number of events (1000), the gap between them in ms (20). System property
 * {@code mdfe.repo}: the checkout whose packaged jars run.
 */
public final class EventLatencyBench {

    private EventLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int events = Integer.parseInt(args[1]);
        long gapMillis = Long.parseLong(args[2]);
        try (TestSystem system = TestSystem.start(dir)) {
            Path dataset = Files.createDirectories(system.settings().folders().data().resolve("bench-dataset"));
            Path ids = system.settings().folders().state(ServiceName.TRAINER).resolve("processed-events/dataset-events.ids");
            Map<String, Long> applied = new ConcurrentHashMap<>();
            Thread tail = new Thread(() -> tail(ids, applied), "tail");
            tail.setDaemon(true);
            tail.start();
            long[] sent = new long[events];
            try (TopicWriter writer = new TopicWriter(system.bootstrapServers(), "mdfe.dataset-events")) {
                // warm-up: the consumer's first poll and the JIT, not measured
                for (int i = 0; i < 50; i++) {
                    writer.send("bench", event(dataset, "warmup-" + i).toByteArray(), headers("warmup-" + i));
                }
                await(applied, "warmup-49", 120_000);
                for (int i = 0; i < events; i++) {
                    String id = "bench-" + i;
                    byte[] value = event(dataset, id).toByteArray();
                    sent[i] = System.nanoTime();
                    writer.send("bench", value, headers(id));
                    Thread.sleep(gapMillis);
                }
            }
            await(applied, "bench-" + (events - 1), 120_000);
            double[] millis = new double[events];
            for (int i = 0; i < events; i++) {
                Long at = applied.get("bench-" + i);
                if (at == null) {
                    throw new IllegalStateException("event bench-" + i + " was never applied");
                }
                millis[i] = (at - sent[i]) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "latency_events %d%nlatency_p50_ms %.1f%nlatency_p99_ms %.1f%nlatency_max_ms %.1f%n",
                    events, percentile(millis, 50), percentile(millis, 99), millis[events - 1]);
        }
    }

    /** TopicWriter.send waits for the broker's ack; the send time is taken before it, as a producer's would be. */
    private static Map<String, String> headers(String id) {
        return Map.of("ce_id", id, "ce_source", "bench", "ce_type", "io.mdfe.dataset.DatasetUpdated.v1",
                "ce_specversion", "1.0", "ce_subject", "bench", "ce_time", Instant.now().toString());
    }

    private static DatasetEvent event(Path dataset, String version) {
        Instant now = Instant.now();
        return DatasetEvent.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setUpdated(DatasetUpdated.newBuilder().setDataset(DatasetInfo.newBuilder()
                        .setRef(DatasetRef.newBuilder().setDatasetId("bench").setVersion(version))
                        .setRoot(dataset.toString()).setFormat(DatasetFormat.DATASET_FORMAT_CSV).addNames("bench")))
                .build();
    }

    /** Follows the ids file (append-only below its rewrite threshold), timing each id as it appears. */
    private static void tail(Path file, Map<String, Long> applied) {
        long position = 0;
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[1 << 16];
        while (true) {
            try {
                if (Files.exists(file)) {
                    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                        if (in.length() < position) {
                            position = 0; // rewritten
                        }
                        in.seek(position);
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            long now = System.nanoTime();
                            position += n;
                            partial.append(new String(buffer, 0, n, UTF_8));
                            int newline;
                            while ((newline = partial.indexOf("\n")) >= 0) {
                                applied.putIfAbsent(partial.substring(0, newline), now);
                                partial.delete(0, newline + 1);
                            }
                        }
                    }
                }
                Thread.sleep(1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void await(Map<String, Long> applied, String id, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!applied.containsKey(id)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("event " + id + " not applied within " + timeoutMillis + " ms");
            }
            Thread.sleep(10);
        }
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
