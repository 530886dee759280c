package io.mdfe.cli.system;

import io.mdfe.service.common.security.client.ClientSecurity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Starts and stops the processes of a local system: the Kafka broker (unless an external one is
 * configured) and the five services, each a JVM of its packaged jar. A start waits until the broker
 * accepts connections and each service's gRPC health is SERVING; when anything fails, everything
 * already started is stopped and the failure is one line naming the process and its log file.
 *
 * <p>{@code mdfe up} uses it, and so do the system tests (to kill and restart single processes).
 */
public final class SystemLauncher implements AutoCloseable {

    /** How long a process may take to stop after SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The run-state key of the broker. */
    public static final String KAFKA = "kafka";

    private static final Duration POLL = Duration.ofMillis(500);

    private final SystemSettings settings;
    private final LaunchPlan plan;
    private final PrintStream progress;
    private final ClientSecurity security;
    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();
    private volatile boolean closing;

    /**
     * @param settings  the system settings
     * @param jars      where the packaged jars are
     * @param parentPid the pid every process watches and exits with (the launcher's own, usually)
     * @param progress  where waits show their progress
     * @param security  how the health checks reach the services (they inherit this process's environment,
     *                  so they serve TLS when {@code MDFE_TLS_ENABLED} says so)
     */
    public SystemLauncher(SystemSettings settings, PackagedJars jars, long parentPid, PrintStream progress,
                          ClientSecurity security) {
        this.settings = settings;
        this.plan = new LaunchPlan(settings, jars, parentPid);
        this.progress = progress;
        this.security = security;
    }

    /** {@return how the services are reached} */
    public ClientSecurity security() {
        return security;
    }

    /**
     * Starts the whole system and waits until it is healthy.
     *
     * @param timeout how long the processes may take to become ready, all together
     * @throws SystemStartException naming a busy port or the process that failed; nothing is left running
     */
    public void startAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            checkPortsFree();
            settings.folders().create();
            if (!settings.kafka().external()) {
                startBroker(remaining(deadline));
            }
            startServices(List.of(ServiceName.values()), remaining(deadline));
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    /**
     * Fails on the first port of the system that cannot be bound, naming it and its owner.
     *
     * @throws SystemStartException naming the port, its process and its settings key
     */
    public void checkPortsFree() {
        checkPortsFree(settings, running.keySet());
    }

    /**
     * Fails on the first port of the system that cannot be bound, before anything is built or started: a second
     * {@code mdfe up} on the same ports stops here with one line.
     *
     * @param settings the system settings
     * @throws SystemStartException naming the port, its process and its settings key
     */
    public static void checkPortsFree(SystemSettings settings) {
        checkPortsFree(settings, Set.of());
    }

    private static void checkPortsFree(SystemSettings settings, Set<String> skip) {
        if (!settings.kafka().external() && !skip.contains(KAFKA)) {
            checkPortFree(settings, settings.kafka().port(), "kafka", "kafka.port");
        }
        for (ServiceName service : ServiceName.values()) {
            if (!skip.contains(service.key())) {
                checkPortFree(settings, settings.service(service).port(), service.serviceName(),
                        "services." + service.key() + ".port");
            }
        }
    }

    /**
     * Starts the broker and waits until it accepts connections.
     *
     * @param timeout how long it may take
     * @throws SystemStartException when it exits or does not become ready in time
     */
    public void startBroker(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ManagedProcess broker = launch(plan.broker());
        // The line KafkaBrokerMain prints once the broker accepts connections.
        while (!broker.output().contains("mdfe-kafka-broker: ready on ")) {
            failIfStopped(KAFKA, "kafka");
            failIfGone(broker);
            if (System.nanoTime() > deadline) {
                throw new SystemStartException("kafka did not start within " + timeout.toSeconds() + " s; see "
                        + broker.logFile());
            }
            sleep();
        }
    }

    /**
     * Starts services and waits until each one's gRPC health is SERVING, showing progress.
     *
     * @param services which
     * @param timeout  how long they may take, all together
     * @throws SystemStartException naming the first service that exited or did not become healthy in time
     */
    public void startServices(Collection<ServiceName> services, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<ServiceName, HealthProbe> probes = new EnumMap<>(ServiceName.class);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("mdfe up").setInitialMax(services.size())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" services", 1).setMaxRenderedLength(120)
                .setConsumer(new ConsoleProgressBarConsumer(progress)).build()) {
            Map<ServiceName, ManagedProcess> processes = new EnumMap<>(ServiceName.class);
            for (ServiceName service : services) {
                processes.put(service, launch(plan.service(service)));
                probes.put(service, new HealthProbe(settings.host(), settings.service(service).port(), security));
            }
            Set<ServiceName> waiting = new LinkedHashSet<>(services);
            while (!waiting.isEmpty()) {
                for (ServiceName service : List.copyOf(waiting)) {
                    failIfStopped(service.key(), service.serviceName());
                    failIfGone(processes.get(service));
                    if (HealthProbe.SERVING.equals(probes.get(service).health())) {
                        waiting.remove(service);
                        bar.step();
                    }
                }
                if (waiting.isEmpty()) {
                    break;
                }
                bar.setExtraMessage("waiting: " + waiting.stream().map(ServiceName::key)
                        .collect(Collectors.joining(" ")));
                if (System.nanoTime() > deadline) {
                    ServiceName late = waiting.iterator().next();
                    throw new SystemStartException(late.serviceName() + " did not become healthy within "
                            + timeout.toSeconds() + " s (gRPC health " + probes.get(late).health() + "); see "
                            + processes.get(late).logFile());
                }
                sleep();
            }
            bar.setExtraMessage("all healthy");
        } finally {
            probes.values().forEach(HealthProbe::close);
        }
    }

    /** {@return the running processes by key ({@value #KAFKA}, then the services' keys), in start order} */
    public synchronized Map<String, ManagedProcess> processes() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(running));
    }

    /** {@return the running processes in start order} */
    public synchronized List<ManagedProcess> processList() {
        return new ArrayList<>(running.values());
    }

    /** {@return the process running under {@code key}, if any} */
    public synchronized Optional<ManagedProcess> process(String key) {
        return Optional.ofNullable(running.get(key));
    }

    /**
     * Stops one process cleanly (SIGTERM, then SIGKILL after {@link #STOP_GRACE}).
     *
     * @param key {@value #KAFKA} or a service's key
     * @return whether it stopped cleanly
     */
    public boolean stop(String key) {
        ManagedProcess process;
        synchronized (this) {
            process = running.remove(key);
        }
        return process == null || process.stop(STOP_GRACE);
    }

    /**
     * Kills one process at once (SIGKILL), as a crash would.
     *
     * @param key {@value #KAFKA} or a service's key
     */
    public void kill(String key) {
        ManagedProcess process;
        synchronized (this) {
            process = running.remove(key);
        }
        if (process != null) {
            process.kill();
        }
    }

    /** Stops everything: the services together, then the broker, so that nothing loses its Kafka first. */
    public void stopAll() {
        closing = true;
        List<ManagedProcess> services;
        ManagedProcess broker;
        synchronized (this) {
            broker = running.remove(KAFKA);
            services = new ArrayList<>(running.values());
            running.clear();
        }
        CompletableFuture.allOf(services.stream()
                .map(process -> CompletableFuture.runAsync(() -> process.stop(STOP_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
        if (broker != null) {
            broker.stop(STOP_GRACE);
        }
        closing = false;
    }

    /** Stops everything ({@link #stopAll()}). */
    @Override
    public void close() {
        stopAll();
    }

    private synchronized ManagedProcess launch(LaunchSpec spec) {
        if (closing) {
            throw new SystemStartException("stopped while starting " + spec.name());
        }
        ManagedProcess process = ManagedProcess.start(spec);
        running.put(spec.key(), process);
        return process;
    }

    private static void checkPortFree(SystemSettings settings, int port, String owner, String key) {
        if (!PortCheck.free(settings.host(), port)) {
            throw new SystemStartException("port " + port + " of " + owner + " is in use (" + key + " in "
                    + settings.source() + ")");
        }
    }

    /** A stop (e.g. SIGTERM to mdfe up) while waiting ends the wait. */
    private synchronized void failIfStopped(String key, String name) {
        if (closing || !running.containsKey(key)) {
            throw new SystemStartException("stopped while " + name + " was starting");
        }
    }

    private static void failIfGone(ManagedProcess process) {
        if (!process.alive()) {
            throw new SystemStartException(process.spec().name() + " exited with code " + process.exitCode()
                    + " while starting; see " + process.logFile());
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemStartException("interrupted while waiting for the system to start");
        }
    }
}
