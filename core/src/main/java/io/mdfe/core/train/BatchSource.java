package io.mdfe.core.train;

import ai.djl.ndarray.types.Shape;
import io.mdfe.core.data.pipeline.Batch;
import io.mdfe.core.data.pipeline.EpochBatches;
import io.mdfe.core.data.pipeline.EpochOrder;
import io.mdfe.core.data.pipeline.ImagePipeline;
import io.mdfe.core.data.pipeline.SkippedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Where training batches come from, epoch by epoch, in the same seeded order either way: decoded and
 * transformed images, or rows of a feature cache.
 */
interface BatchSource extends AutoCloseable {

    /** The batches of {@code epoch}. */
    Epoch epoch(int epoch);

    @Override
    void close();

    /** One epoch's batches and the samples it could not use. */
    interface Epoch extends Iterator<InputBatch>, AutoCloseable {
        /** Samples skipped so far (undecodable images). */
        List<SkippedImage> skipped();

        @Override
        void close();
    }

    /** Images through the image pipeline. */
    static BatchSource images(ImagePipeline pipeline) {
        return new BatchSource() {
            @Override
            public Epoch epoch(int epoch) {
                EpochBatches batches = pipeline.epoch(epoch);
                return new Epoch() {
                    @Override
                    public boolean hasNext() {
                        return batches.hasNext();
                    }

                    @Override
                    public InputBatch next() {
                        Batch b = batches.next();
                        return new InputBatch(b.indices(), b.pixels(), new Shape(b.count(), 3, b.size(), b.size()));
                    }

                    @Override
                    public List<SkippedImage> skipped() {
                        return batches.skipped();
                    }

                    @Override
                    public void close() {
                        batches.close();
                    }
                };
            }

            @Override
            public void close() {
                pipeline.close();
            }
        };
    }

    /**
     * Cached features, batched in the image pipeline's order (same seeded permutation, same batch
     * boundaries, the same undecodable samples left out), so a cached run trains exactly like an
     * uncached one.
     */
    static BatchSource features(FeatureCache.Features features, int batchSize, long seed) {
        int n = features.matrix().rows();
        int dim = features.matrix().cols();
        return new BatchSource() {
            @Override
            public Epoch epoch(int epoch) {
                int[] order = EpochOrder.of(n, true, seed, epoch);
                return new Epoch() {
                    private int position;
                    private InputBatch pending;
                    private final List<SkippedImage> skipped = new ArrayList<>();

                    @Override
                    public boolean hasNext() {
                        // like the image pipeline, a batch whose samples were all skipped is not handed out
                        while (pending == null && position < n) {
                            pending = chunk();
                        }
                        return pending != null;
                    }

                    @Override
                    public InputBatch next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        InputBatch batch = pending;
                        pending = null;
                        return batch;
                    }

                    private InputBatch chunk() {
                        int end = Math.min(n, position + batchSize);
                        int[] indices = new int[end - position];
                        int count = 0;
                        for (int i = position; i < end; i++) {
                            if (features.skipped().contains(order[i])) {
                                skipped.add(new SkippedImage(order[i], features.file(), "not decodable when cached"));
                            } else {
                                indices[count++] = order[i];
                            }
                        }
                        position = end;
                        if (count == 0) {
                            return null;
                        }
                        indices = Arrays.copyOf(indices, count);
                        float[] values = new float[count * dim];
                        for (int i = 0; i < count; i++) {
                            features.matrix().copyRow(indices[i], values, i * dim);
                        }
                        return new InputBatch(indices, values, new Shape(count, dim));
                    }

                    @Override
                    public List<SkippedImage> skipped() {
                        return skipped;
                    }

                    @Override
                    public void close() {
                        // nothing to release: the mapping lives as long as the features
                    }
                };
            }

            @Override
            public void close() {
                // the mapped file is released with the features
            }
        };
    }
}
