package io.mdfe.embedder.bench;

import ai.djl.ndarray.NDManager;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.embedder.model.BundleModel;
import io.mdfe.proto.common.ImageRef;
import io.mdfe.proto.embedder.EmbedRequest;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Service throughput under 1, 8 and 64 concurrent clients that each send single-image Embed calls back to
 * back, next to the in-process forward-pass throughput of the same bundle at its best batch size.
 *
 * <p>Usage: {@code EmbedServiceBench <bundle dir> <image file> <port> <seconds per level> <max calls per client>}.
 * Connects to localhost only. Prints a Markdown table.
 */
public final class EmbedServiceBench {

    private static final int[] CLIENTS = {1, 8, 64};
    private static final int[] BATCHES = {1, 8, 16, 32, 64};

    private EmbedServiceBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args bundle dir, image file, port, seconds per level, max calls per client
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: EmbedServiceBench <bundle dir> <image file> <port> <seconds> <max calls per client>");
            System.exit(2);
        }
        Path bundleDir = Path.of(args[0]);
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        int port = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int maxCalls = Integer.parseInt(args[4]);

        double[] inProcess = new double[BATCHES.length];
        try (NDManager root = NDManager.newBaseManager();
             BundleModel model = new BundleModel(ModelBundle.load(bundleDir, bundleDir, root), bundleDir.toUri(), Instant.now())) {
            float[] row = model.prepare(ImageDecoder.decode(image, args[1]));
            for (int b = 0; b < BATCHES.length; b++) {
                inProcess[b] = forwardThroughput(model, row, BATCHES[b], seconds);
            }
        }
        int best = 0;
        for (int b = 1; b < BATCHES.length; b++) {
            best = inProcess[b] > inProcess[best] ? b : best;
        }
        System.out.println("| in-process forward, batch | img/s |");
        System.out.println("|---|---|");
        for (int b = 0; b < BATCHES.length; b++) {
            System.out.printf("| %d | %.0f |%n", BATCHES[b], inProcess[b]);
        }
        System.out.println();
        System.out.println("| clients | calls | service img/s | p50 ms | p99 ms | in-process img/s (batch " + BATCHES[best]
                + ") | service / in-process |");
        System.out.println("|---|---|---|---|---|---|---|");
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            EmbedRequest request = EmbedRequest.newBuilder()
                    .addImages(ImageRef.newBuilder().setData(ByteString.copyFrom(image))).build();
            load(channel, request, 8, Math.min(seconds, 2), maxCalls); // warm-up, not reported
            for (int clients : CLIENTS) {
                Level level = load(channel, request, clients, seconds, maxCalls);
                System.out.printf("| %d | %d | %.0f | %.2f | %.2f | %.0f | %.2f |%n", clients, level.calls(),
                        level.throughput(), level.percentileMs(50), level.percentileMs(99), inProcess[best],
                        level.throughput() / inProcess[best]);
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static double forwardThroughput(BundleModel model, float[] row, int batch, double seconds) {
        List<float[]> inputs = Collections.nCopies(batch, row);
        for (int i = 0; i < 3; i++) {
            model.embed(inputs);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long images = 0;
        while (System.nanoTime() < end) {
            model.embed(inputs);
            images += batch;
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    /** What one concurrency level measured. */
    private record Level(int calls, double throughput, long[] latenciesNanos) {

        double percentileMs(int p) {
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    private static Level load(ManagedChannel channel, EmbedRequest request, int clients, double seconds, int maxCalls)
            throws Exception {
        EmbedderServiceGrpc.EmbedderServiceBlockingStub stub = EmbedderServiceGrpc.newBlockingStub(channel);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[maxCalls];
                int n = 0;
                while (n < maxCalls && System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    stub.withDeadlineAfter(30, TimeUnit.SECONDS).embed(request);
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> perClient = new ArrayList<>();
        for (Future<long[]> result : results) {
            perClient.add(result.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Level(all.length, all.length / elapsed, all);
    }
}
