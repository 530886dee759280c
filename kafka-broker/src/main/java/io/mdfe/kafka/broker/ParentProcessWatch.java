package io.mdfe.kafka.broker;

import java.util.Optional;

/**
 * Stops this JVM when the process that launched it is gone, so that a {@code mdfe up} killed with
 * SIGKILL (which cannot stop its children) leaves no broker behind. The parent's pid comes from the
 * system property {@value #PROPERTY}; without it nothing is watched.
 */
final class ParentProcessWatch {

    /** The system property {@code mdfe up} sets on every JVM it starts. */
    static final String PROPERTY = "mdfe.parent-pid";

    private ParentProcessWatch() {
    }

    /**
     * Exits the JVM (running its shutdown hooks) once the parent named by {@value #PROPERTY} exits.
     *
     * @return the watched pid, if one was configured
     */
    static Optional<Long> install() {
        String value = System.getProperty(PROPERTY, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(value);
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentProcessWatch::parentGone),
                ParentProcessWatch::parentGone);
        return Optional.of(pid);
    }

    private static void parentGone() {
        System.err.println("mdfe-kafka-broker: the launching process is gone; stopping");
        System.exit(0);
    }
}
