package io.mdfe.core.config;

import java.util.List;

/**
 * Section {@code TRAIN}: training length, checkpointing and devices.
 *
 * @param epochBased   TRAIN.epoch_based
 * @param epochs       TRAIN.epochs
 * @param iterations   TRAIN.iterations (0 = derived from epochs)
 * @param saveEpoch    TRAIN.save_epoch (1-based epochs)
 * @param saveIter     TRAIN.save_iter (0 = seen_img_save / batch_size)
 * @param seenImgSave  TRAIN.seen_img_save (images)
 * @param printFreq    TRAIN.print_freq (iterations)
 * @param device       TRAIN.device (cpu, cuda, cuda:N)
 * @param gpuIds       TRAIN.gpu_ids
 * @param dataParallel TRAIN.data_parallel
 * @param evalMetric   TRAIN.eval_metric (search distance of the evaluation at each save point)
 * @param evalProtocol TRAIN.eval_protocol (merged or separate)
 */
public record TrainConfig(boolean epochBased, int epochs, int iterations, List<Integer> saveEpoch, int saveIter,
                          int seenImgSave, int printFreq, String device, List<Integer> gpuIds,
                          boolean dataParallel, String evalMetric, String evalProtocol) {
}
