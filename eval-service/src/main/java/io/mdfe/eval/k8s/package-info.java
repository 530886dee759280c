/**
 * eval-service as the Kubernetes operator of Evaluation resources (on with {@code mdfe.k8s.enabled}): one
 * Fabric8 informer and one reconciler ({@link io.mdfe.eval.k8s.EvaluationReconciler}) that turns a resource's spec
 * into the same validated request and the same {@link io.mdfe.eval.job.JobQueue} job as a gRPC Evaluate call, and
 * mirrors the job into the status; evaluations asked for over gRPC or by events appear as resources too
 * ({@link io.mdfe.eval.k8s.EvaluationMirror}). No evaluation logic lives here.
 */
package io.mdfe.eval.k8s;
