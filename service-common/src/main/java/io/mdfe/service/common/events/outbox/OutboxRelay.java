package io.mdfe.service.common.events.outbox;

import io.mdfe.service.common.events.Backoff;
import io.mdfe.service.common.events.EventsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes an {@link Outbox}'s events in order on one thread: sends the oldest, deletes it once the broker
 * acknowledged it, and while the broker is away retries the same event with backoff. An event is never skipped:
 * ordering per entity is what consumers rely on. A send whose acknowledgement was lost is sent again with the
 * same id, which consumers drop as a duplicate.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The gauge of events waiting for the broker. */
    public static final String DEPTH_METRIC = "mdfe.events.outbox.depth";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final EventSender sender;
    private final EventsConfig.Outbox config;
    private final Backoff backoff;
    private final Object wakeUp = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean signalled;

    private OutboxRelay(Outbox outbox, EventSender sender, EventsConfig.Outbox config) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.backoff = new Backoff(config.retryInitial(), config.retryMax());
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
    }

    /**
     * Starts relaying, and publishes the outbox depth as the gauge {@value #DEPTH_METRIC}.
     *
     * @param outbox the outbox, already {@linkplain Outbox#recover recovered}
     * @param sender publishes one event
     * @param config timeouts and backoff
     * @param registry where the gauge goes
     * @return the running relay; close it on shutdown
     */
    public static OutboxRelay start(Outbox outbox, EventSender sender, EventsConfig.Outbox config,
                                    MeterRegistry registry) {
        OutboxRelay relay = new OutboxRelay(outbox, sender, config);
        Gauge.builder(DEPTH_METRIC, outbox, Outbox::depth)
                .description("events written to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        outbox.onCommit(relay::wake);
        relay.thread.start();
        return relay;
    }

    private void wake() {
        synchronized (wakeUp) {
            signalled = true;
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                Optional<Outbox.Pending> next = outbox.oldest();
                if (next.isEmpty()) {
                    await(IDLE_POLL);
                    continue;
                }
                publish(next.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // e.g. the outbox folder became unreadable: keep trying
                LOG.errorf(e, "outbox %s: relay step failed", outbox.directory());
                outbox.relayProblem(e.toString());
                try {
                    await(backoff.next());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void publish(Outbox.Pending pending) throws InterruptedException {
        try {
            sender.send(pending.entry()).toCompletableFuture()
                    .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            Duration delay = backoff.next();
            String problem = "cannot publish " + pending.entry() + ": " + cause + "; " + outbox.depth()
                    + " event(s) waiting, next attempt in " + delay;
            if (outbox.relayProblem().isEmpty()) {
                LOG.warnf("outbox %s: %s", outbox.directory(), problem);
            } else {
                LOG.debugf("outbox %s: %s", outbox.directory(), problem);
            }
            outbox.relayProblem(problem);
            Thread.sleep(delay.toMillis()); // not woken by new events: the broker is the problem
            return;
        }
        outbox.remove(pending);
        if (outbox.relayProblem().isPresent()) {
            LOG.infof("outbox %s: publishing again, %d event(s) waiting", outbox.directory(), outbox.depth());
        }
        outbox.relayProblem(null);
        backoff.reset();
    }

    private void await(Duration timeout) throws InterruptedException {
        synchronized (wakeUp) {
            if (!signalled) {
                wakeUp.wait(timeout.toMillis());
            }
            signalled = false;
        }
    }

    /** Stops the relay; what is still in the outbox is published by the next start. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
