/**
 * trainer-service on Kubernetes: {@link io.mdfe.trainer.k8s.KubernetesJobLauncher}, the {@code RunLauncher} that
 * trains each run in a batch/v1 Job on the GPU pool (built by {@link io.mdfe.trainer.k8s.TrainingJobs} from
 * {@link io.mdfe.trainer.k8s.JobSettings}), and the reading of pod failure reasons ({@link io.mdfe.trainer.k8s.PodFailures}).
 * Plain Fabric8 client calls and watches; nothing here is active unless {@code mdfe.trainer.launcher=kubernetes}.
 */
package io.mdfe.trainer.k8s;
