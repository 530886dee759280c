package io.mdfe.k8s.api.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import java.util.List;

/**
 * The single source of truth for what each operator may do in its namespace (least privilege, issue #12): the
 * Role YAML in {@code k8s/rbac/} is generated from it, the Helm chart's Roles are tested against it, and the README
 * table lists it. A verb is here only because a named piece of code calls it.
 */
public enum OperatorRoles {

    /** trainer-service: reconciles TrainingRuns into training Jobs and follows their pods. */
    TRAINER("trainer-service", "trainer", List.of(
            new Grant(TrainingRun.GROUP, "trainingruns", List.of("get", "list", "watch"),
                    "the TrainingRun informer (TrainingRunReconciler)"),
            new Grant(TrainingRun.GROUP, "trainingruns/status", List.of("update"),
                    "status writes (phase, conditions, step, loss, checkpoint)"),
            new Grant(TrainingRun.GROUP, "trainingruns/finalizers", List.of("update"),
                    "a Job's ownerReference to its TrainingRun with blockOwnerDeletion (OwnerReferencesPermissionEnforcement)"),
            new Grant("batch", "jobs", List.of("get", "create", "delete"),
                    "KubernetesJobLauncher: finds a run's Job by its deterministic name, creates it, deletes it on cancel"),
            new Grant("", "pods", List.of("list"),
                    "the Job's pods by the job-name label: failure reasons (OOMKilled, image pull, Unschedulable)"),
            new Grant("", "pods/log", List.of("get"),
                    "the worker's progress reports are its pod's log (followed)"),
            new Grant("", "configmaps", List.of("get"),
                    "a TrainingRun's spec.configMapRef"))),

    /** eval-service: reconciles Evaluations and mirrors gRPC- and event-triggered evaluations as resources. */
    EVAL("eval-service", "eval", List.of(
            new Grant(TrainingRun.GROUP, "evaluations", List.of("get", "list", "watch", "create"),
                    "the Evaluation informer (EvaluationReconciler); create: the resources of gRPC/event-triggered evaluations (EvaluationMirror)"),
            new Grant(TrainingRun.GROUP, "evaluations/status", List.of("update"),
                    "status writes (phase, conditions, results, times)"),
            new Grant(TrainingRun.GROUP, "trainingruns", List.of("get"),
                    "spec.model.trainingRun: the TrainingRun's last checkpoint")));

    private final String component;
    private final String chartKey;
    private final List<Grant> grants;

    OperatorRoles(String component, String chartKey, List<Grant> grants) {
        this.component = component;
        this.chartKey = chartKey;
        this.grants = grants;
    }

    /**
     * @param release a Helm release name
     * @return the name the chart gives this operator's ServiceAccount, Role and RoleBinding in that release
     */
    public String nameIn(String release) {
        return release + "-" + chartKey;
    }

    /** {@return the service} */
    public String component() {
        return component;
    }

    /** {@return its rules} */
    public List<Grant> grants() {
        return grants;
    }

    /** {@return the file under {@code k8s/rbac/} holding its Role} */
    public String fileName() {
        return component + "-role.yaml";
    }

    /**
     * @param name the Role's name (the release's name for the component)
     * @return the Role granting exactly {@link #grants()}
     */
    public Role role(String name) {
        return new RoleBuilder().withNewMetadata().withName(name)
                .addToLabels("app.kubernetes.io/component", component).endMetadata()
                .withRules(grants.stream().map(g -> new PolicyRuleBuilder().withApiGroups(g.apiGroup())
                        .withResources(g.resource()).withVerbs(g.verbs()).build()).toList())
                .build();
    }
}
