/**
 * Classes generated from {@code mdfe/trainer/v1/trainer.proto}: the trainer-service's gRPC API (training
 * runs, their progress stream and the retraining recipes).
 *
 * <p>Only this file is written by hand; edit the .proto file, not the generated sources.
 */
package io.mdfe.proto.trainer;
