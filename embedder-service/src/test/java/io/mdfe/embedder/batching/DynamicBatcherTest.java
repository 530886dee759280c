package io.mdfe.embedder.batching;

import static io.mdfe.embedder.batching.ScriptedModel.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Deadline;
import io.grpc.Status;
import io.mdfe.core.data.image.ImageDecodeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batching engine on a scripted model: coalescing, back-pressure, deadlines, per-item errors, swaps. */
class DynamicBatcherTest {

    private final ModelSlot<ScriptedModel> slot = new ModelSlot<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DynamicBatcher<ScriptedModel> batcher;

    private DynamicBatcher<ScriptedModel> start(int maxBatch, int capacity) {
        batcher = new DynamicBatcher<>(slot, new BatcherSettings(maxBatch, Duration.ofMillis(20), capacity, 2), registry);
        return batcher;
    }

    @AfterEach
    void stop() {
        if (batcher != null) {
            batcher.close();
        }
    }

    private static EmbedOutcome await(CompletableFuture<EmbedOutcome> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static Status.Code rejection(CompletableFuture<EmbedOutcome> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(EmbedRejectedException.class, e.getCause()).code();
    }

    private static float[] vector(EmbedOutcome outcome, int item) {
        return assertInstanceOf(ItemResult.Embedded.class, outcome.items().get(item)).vector();
    }

    @Test
    void concurrentSingleImageRequestsShareBatches() throws Exception {
        ScriptedModel model = new ScriptedModel("v1", 1);
        slot.swap(model);
        start(8, 64);
        model.hold();
        CompletableFuture<EmbedOutcome> first = batcher.submit(List.of(image(0, 1)), false, null);
        model.awaitEntered();
        List<CompletableFuture<EmbedOutcome>> waiting = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            waiting.add(batcher.submit(List.of(image(i, 1)), false, null));
        }
        // The 20 requests are decoded and queued while the first batch runs.
        Thread.sleep(200);
        model.release();

        assertArrayEquals(new float[] {1, 0, 1}, vector(await(first), 0));
        for (int i = 1; i <= 20; i++) {
            assertArrayEquals(new float[] {1, i, 1}, vector(await(waiting.get(i - 1)), 0), "request " + i + " got its own vector");
        }
        assertEquals(List.of(1, 8, 8, 4), model.batchSizes, "20 waiting single-image requests = 8 + 8 + 4");
        assertEquals(21.0, registry.get("mdfe.embedder.batch.size").summary().totalAmount());
        assertEquals(0, batcher.queueDepth());
    }

    @Test
    void aFullQueueRejectsWithResourceExhaustedAndRecovers() throws Exception {
        ScriptedModel model = new ScriptedModel("v1", 1);
        slot.swap(model);
        start(2, 4);
        model.hold();
        CompletableFuture<EmbedOutcome> running = batcher.submit(List.of(image(1, 1)), false, null);
        model.awaitEntered();
        CompletableFuture<EmbedOutcome> queued = batcher.submit(List.of(image(2, 1), image(3, 1), image(4, 1)), false, null);

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, rejection(batcher.submit(List.of(image(5, 1)), false, null)));
        assertEquals(4, batcher.queueDepth(), "the rejected image took no capacity");
        model.release();
        await(running);
        assertEquals(3, await(queued).items().size());
        assertEquals(0, batcher.queueDepth());
        assertArrayEquals(new float[] {1, 5, 1}, vector(await(batcher.submit(List.of(image(5, 1)), false, null)), 0));
        assertEquals(Status.Code.INVALID_ARGUMENT, rejection(batcher.submit(List.of(image(1, 1), image(1, 1),
                image(1, 1), image(1, 1), image(1, 1)), false, null)), "larger than the whole queue");
    }

    @Test
    void expiredAndCancelledRequestsAreDroppedBeforeInference() throws Exception {
        ScriptedModel model = new ScriptedModel("v1", 1);
        slot.swap(model);
        start(8, 64);
        model.hold();
        CompletableFuture<EmbedOutcome> running = batcher.submit(List.of(image(1, 1)), false, null);
        model.awaitEntered();
        CompletableFuture<EmbedOutcome> expiring = batcher.submit(List.of(image(77, 1)), false,
                Deadline.after(50, TimeUnit.MILLISECONDS));
        CompletableFuture<EmbedOutcome> cancelled = batcher.submit(List.of(image(88, 1), image(89, 1)), false, null);
        CompletableFuture<EmbedOutcome> kept = batcher.submit(List.of(image(2, 1)), false, Deadline.after(10, TimeUnit.SECONDS));
        cancelled.cancel(false);
        Thread.sleep(200);
        model.release();

        await(running);
        assertArrayEquals(new float[] {1, 2, 1}, vector(await(kept), 0));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, rejection(expiring));
        assertTrue(cancelled.isCancelled());
        assertEquals(List.of(1f, 2f), model.embeddedReds, "dropped images never reach the model");
        assertEquals(3.0, registry.get("mdfe.embedder.images").tag("outcome", "dropped").counter().count());
        assertEquals(0, batcher.queueDepth(), "dropped images free their capacity");
    }

    @Test
    void aBadImageFailsOnlyItsItem() throws Exception {
        slot.swap(new ScriptedModel("v1", 1));
        start(8, 64);
        ImageInput corrupt = () -> {
            throw new ImageDecodeException("inline image", "corrupt or truncated png", null);
        };
        ImageInput missing = () -> {
            throw new ItemException(Status.Code.NOT_FOUND, "uri: no file /data/x.png");
        };
        EmbedOutcome outcome = await(batcher.submit(List.of(image(3, 1), corrupt, image(4, 2), missing), false, null));

        assertArrayEquals(new float[] {1, 3, 1}, vector(outcome, 0));
        assertArrayEquals(new float[] {1, 4, 2}, vector(outcome, 2));
        ItemResult.Failed bad = assertInstanceOf(ItemResult.Failed.class, outcome.items().get(1));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.code());
        assertEquals("images[1]: inline image: corrupt or truncated png", bad.message());
        ItemResult.Failed gone = assertInstanceOf(ItemResult.Failed.class, outcome.items().get(3));
        assertEquals(Status.Code.NOT_FOUND, gone.code());
        assertEquals("images[3]: uri: no file /data/x.png", gone.message());
    }

    @Test
    void anErrorWhilePreparingFailsItsItemAndReleasesCapacityAndModel() throws Exception {
        ScriptedModel old = new ScriptedModel("v1", 1);
        slot.swap(old);
        start(8, 4);
        ImageInput bomb = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        ImageInput broken = () -> {
            throw new StackOverflowError();
        };
        EmbedOutcome outcome = await(batcher.submit(List.of(image(3, 1), bomb, broken, image(4, 1)), false, null));

        assertArrayEquals(new float[] {1, 3, 1}, vector(outcome, 0));
        assertArrayEquals(new float[] {1, 4, 1}, vector(outcome, 3));
        ItemResult.Failed oom = assertInstanceOf(ItemResult.Failed.class, outcome.items().get(1));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, oom.code());
        assertEquals("images[1]: out of memory while decoding the image", oom.message());
        assertEquals(Status.Code.INTERNAL, assertInstanceOf(ItemResult.Failed.class, outcome.items().get(2)).code());
        assertEquals(0, batcher.queueDepth(), "every permit released");
        // all four permits are free again, and the request's model lease was returned: a swap closes it
        assertEquals(4, await(batcher.submit(List.of(image(1, 1), image(2, 1), image(3, 1), image(4, 1)), false,
                null)).items().size());
        slot.swap(new ScriptedModel("v2", 2));
        assertTrue(old.closed.get(), "the old model closed: no lease left behind");
    }

    @Test
    void anErrorInTheForwardPassFailsTheBatchAndTheBatcherGoesOn() throws Exception {
        ScriptedModel model = new ScriptedModel("v1", 1) {
            @Override
            public float[][] embed(List<float[]> inputs) {
                if (inputs.get(0)[0] == 66) {
                    throw new OutOfMemoryError("native memory");
                }
                return super.embed(inputs);
            }
        };
        slot.swap(model);
        start(1, 8);
        EmbedOutcome failed = await(batcher.submit(List.of(image(66, 1)), false, null));
        assertEquals(Status.Code.INTERNAL, assertInstanceOf(ItemResult.Failed.class, failed.items().get(0)).code());
        assertArrayEquals(new float[] {1, 5, 1}, vector(await(batcher.submit(List.of(image(5, 1)), false, null)), 0),
                "the batcher thread survived");
        assertEquals(0, batcher.queueDepth());
    }

    @Test
    void normalizeGivesUnitVectors() throws Exception {
        slot.swap(new ScriptedModel("v1", 3));
        start(8, 64);
        float[] v = vector(await(batcher.submit(List.of(image(4, 12)), true, null)), 0);
        assertArrayEquals(new float[] {3 / 13f, 4 / 13f, 12 / 13f}, v, 1e-6f);
    }

    @Test
    void requestsStayOnTheirModelAcrossASwapAndTheOldModelClosesAfterItsLastBatch() throws Exception {
        ScriptedModel old = new ScriptedModel("v1", 1);
        ScriptedModel next = new ScriptedModel("v2", 2);
        slot.swap(old);
        start(8, 64);
        old.hold();
        CompletableFuture<EmbedOutcome> running = batcher.submit(List.of(image(1, 1)), false, null);
        old.awaitEntered();
        CompletableFuture<EmbedOutcome> pinnedToOld = batcher.submit(List.of(image(2, 1), image(3, 1)), false, null);
        Thread.sleep(50);
        slot.swap(next);
        CompletableFuture<EmbedOutcome> onNew = batcher.submit(List.of(image(4, 1)), false, null);
        assertFalse(old.closed.get(), "swapped out but still in use");
        old.release();

        EmbedOutcome a = await(pinnedToOld);
        EmbedOutcome b = await(onNew);
        assertEquals("v1", await(running).version());
        assertEquals("v1", a.version());
        assertArrayEquals(new float[] {1, 2, 1}, vector(a, 0));
        assertArrayEquals(new float[] {1, 3, 1}, vector(a, 1));
        assertEquals("v2", b.version());
        assertArrayEquals(new float[] {2, 4, 1}, vector(b, 0));
        assertTrue(old.closed.get(), "closed after its last request");
        assertFalse(next.closed.get());
        assertEquals(List.of(1), next.batchSizes, "no batch mixed the two models");
    }

    @Test
    void withoutAModelRequestsFailWithFailedPrecondition() {
        start(8, 64);
        assertEquals(Status.Code.FAILED_PRECONDITION, rejection(batcher.submit(List.of(image(1, 1)), false, null)));
        assertEquals(Status.Code.INVALID_ARGUMENT, rejection(batcher.submit(List.of(), false, null)));
        assertEquals(0, batcher.queueDepth());
    }
}
