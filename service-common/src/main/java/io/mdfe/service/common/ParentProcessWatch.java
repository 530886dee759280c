package io.mdfe.service.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Shuts the service down when the process that launched it is gone. {@code mdfe up} starts every
 * service with {@code -Dmdfe.parent-pid=<its pid>}; if it is killed with SIGKILL it cannot stop its
 * children, so each child notices on its own and exits cleanly instead of living on as an orphan.
 * Without the property (Kubernetes, tests) nothing is watched.
 */
@ApplicationScoped
public class ParentProcessWatch {

    private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

    private final Optional<Long> parentPid;

    /**
     * @param parentPid the launcher's pid, from {@code mdfe.parent-pid}
     */
    public ParentProcessWatch(@ConfigProperty(name = "mdfe.parent-pid") Optional<Long> parentPid) {
        this.parentPid = parentPid;
    }

    void onStart(@Observes StartupEvent event) {
        parentPid.ifPresent(pid -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> parentGone(pid)),
                () -> parentGone(pid)));
    }

    private static void parentGone(long pid) {
        LOG.warnf("the launching process %d is gone; shutting down", pid);
        Quarkus.asyncExit(0);
    }
}
