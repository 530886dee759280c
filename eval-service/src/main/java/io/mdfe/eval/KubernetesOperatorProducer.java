package io.mdfe.eval;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mdfe.eval.grpc.EvaluationRequests;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.k8s.EvaluationReconciler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The Evaluation operator: a client of the cluster the service runs in (in-cluster ServiceAccount) and the
 * reconciler, both made only when {@code mdfe.k8s.enabled} starts it; outside a cluster nothing here runs.
 */
@ApplicationScoped
public class KubernetesOperatorProducer {

    @Produces
    @ApplicationScoped
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    void closeKubernetesClient(@Disposes KubernetesClient client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    EvaluationReconciler evaluationReconciler(KubernetesClient client, EvaluationRequests requests, JobQueue queue,
                                              K8sConfig k8s) {
        return new EvaluationReconciler(client, requests, queue, k8s.mirror(), Clock.systemUTC());
    }

    void stopEvaluationReconciler(@Disposes EvaluationReconciler reconciler) {
        reconciler.close();
    }

    void startOperator(@Observes StartupEvent started, K8sConfig k8s, Instance<EvaluationReconciler> reconciler) {
        if (k8s.enabled()) {
            reconciler.get().start(k8s.resync().toMillis());
        }
    }
}
