package io.mdfe.k8s.api.rbac;

import java.util.List;

/**
 * One rule of an operator's Role: the verbs on one resource of one API group, and why the operator needs them.
 *
 * @param apiGroup the API group ("" for the core group)
 * @param resource the resource or subresource, e.g. {@code jobs} or {@code trainingruns/status}
 * @param verbs the verbs, in the order they are listed
 * @param why what in the operator's code uses them (the README table shows it)
 */
public record Grant(String apiGroup, String resource, List<String> verbs, String why) {

    /** Copies the verbs. */
    public Grant {
        verbs = List.copyOf(verbs);
    }
}
