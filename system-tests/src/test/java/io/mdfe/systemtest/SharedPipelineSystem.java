package io.mdfe.systemtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link PipelineSystem} for the whole test JVM: the end-to-end and chaos tests each run
 * their own recipe and dataset on it, so the six processes start once (about a minute and a half on the 2 shared
 * cores) rather than once per class. It is stopped when the JVM's tests are done. A chaos test leaves the system as
 * it found it: whatever it kills or stops, it starts again.
 */
final class SharedPipelineSystem implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PipelineSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PipelineSystem.class, key -> PipelineSystem.start(), PipelineSystem.class);
    }
}
