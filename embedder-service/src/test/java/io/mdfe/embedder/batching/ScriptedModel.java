package io.mdfe.embedder.batching;

import io.mdfe.core.data.image.RgbImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model whose output is known without DJL: input row = (first red sample, width); embedding =
 * (version marker, red sample, width). Its forward pass can be held to fill the queue deterministically.
 */
class ScriptedModel implements BatchModel {

    private final String version;
    private final float marker;
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final List<Float> embeddedReds = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);

    ScriptedModel(String version, float marker) {
        this.version = version;
        this.marker = marker;
    }

    /** Image with one pixel whose red sample is {@code red}, {@code width} pixels wide. */
    static ImageInput image(int red, int width) {
        byte[] rgb = new byte[3 * width];
        rgb[0] = (byte) red;
        return () -> new RgbImage(width, 1, rgb);
    }

    /** Holds every forward pass from now until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    /** Waits until a held forward pass has started. */
    void awaitEntered() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no forward pass started");
        }
    }

    @Override
    public String modelId() {
        return "scripted";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public float[] prepare(RgbImage image) {
        return new float[] {image.sample(0, 0, 0), image.width()};
    }

    @Override
    public float[][] embed(List<float[]> inputs) {
        if (closed.get()) {
            throw new IllegalStateException("embed on a closed model");
        }
        entered.countDown();
        try {
            hold.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        batchSizes.add(inputs.size());
        float[][] out = new float[inputs.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] in = inputs.get(i);
            embeddedReds.add(in[0]);
            out[i] = new float[] {marker, in[0], in[1]};
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("closed twice");
        }
    }
}
