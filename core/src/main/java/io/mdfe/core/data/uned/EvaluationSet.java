package io.mdfe.core.data.uned;

import java.util.List;

/**
 * The retrieval tasks of one UnED benchmark run.
 *
 * @param split    which benchmark (val or test)
 * @param protocol merged (one task over all domains) or separate (one task per domain)
 * @param domains  the evaluated domains, in domain-id order
 * @param tasks    the tasks: one named {@link RetrievalTask#MERGED}, or one per domain named after it
 */
public record EvaluationSet(UnedSplit split, UnedProtocol protocol, List<UnedDomain> domains,
        List<RetrievalTask> tasks) {

    /** Makes the lists unmodifiable. */
    public EvaluationSet {
        domains = List.copyOf(domains);
        tasks = List.copyOf(tasks);
    }
}
