package io.mdfe.core.data.demo;

import java.util.List;

/**
 * One image of the demo set.
 *
 * @param domain its domain
 * @param split the UnED split it belongs to (train, val, test or index)
 * @param path its path relative to {@code images/}, as written in the UnED json
 * @param classIds its classes: one, or two for a multi-label query showing two objects
 */
public record DemoItem(DemoDomain domain, String split, String path, List<Integer> classIds) {

    /** Copies the class list. */
    public DemoItem {
        classIds = List.copyOf(classIds);
    }

    /** {@return true when the image shows more than one class} */
    public boolean multiLabel() {
        return classIds.size() > 1;
    }
}
