package io.mdfe.core.train.schedule;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When the inference model is saved and evaluated, as completed-step counts (a save happens
 * after the update that brings the count to a save point).
 */
public sealed interface SavePoints {

    /**
     * @param completedSteps updates done so far ({@code >= 1})
     * @return whether the model is saved right after that update
     */
    boolean contains(long completedSteps);

    /**
     * Epoch-based saving (TRAIN.epoch_based): at the end of each listed epoch, i.e. after
     * {@code epoch * batchesPerEpoch} updates.
     *
     * @param steps the completed-step counts, ascending
     */
    record AtEpochEnds(SortedSet<Long> steps) implements SavePoints {

        /** Copies {@code steps}. */
        public AtEpochEnds {
            steps = Collections.unmodifiableSortedSet(new TreeSet<>(steps));
        }

        /**
         * @param saveEpochs      TRAIN.save_epoch, 1-based; epochs after the last one never come and are left out
         * @param epochs          the number of epochs trained
         * @param batchesPerEpoch updates per epoch
         */
        static AtEpochEnds of(List<Integer> saveEpochs, int epochs, long batchesPerEpoch) {
            SortedSet<Long> steps = new TreeSet<>();
            for (int epoch : saveEpochs) {
                if (epoch <= epochs) {
                    steps.add(epoch * batchesPerEpoch);
                }
            }
            return new AtEpochEnds(steps);
        }

        @Override
        public boolean contains(long completedSteps) {
            return steps.contains(completedSteps);
        }
    }

    /**
     * Iteration-based saving: every {@code interval} updates (TRAIN.save_iter, or
     * TRAIN.seen_img_save / DATALOADER.batch_size when save_iter is 0).
     *
     * @param interval updates between saves, {@code >= 1}
     */
    record Every(long interval) implements SavePoints {

        /** Checks {@code interval >= 1}. */
        public Every {
            if (interval < 1) {
                throw new IllegalArgumentException("save interval must be >= 1, got " + interval);
            }
        }

        @Override
        public boolean contains(long completedSteps) {
            return completedSteps > 0 && completedSteps % interval == 0;
        }
    }
}
