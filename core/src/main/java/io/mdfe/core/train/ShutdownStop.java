package io.mdfe.core.train;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A graceful stop on SIGTERM / SIGINT for a process that trains: the JVM's shutdown (which those
 * signals start) becomes a {@link StopRequest}, and the shutdown waits until the training thread says it
 * is {@link #close() done}. Without this, the JVM exits while libtorch is inside a backward pass on the
 * training thread and crashes (SIGSEGV, exit 134, an hs_err file). The JVM then exits with its usual
 * status for the signal (143 for SIGTERM, 130 for SIGINT).
 *
 * <p>Install it before training and close it once training has ended and its outcome was reported.
 */
public final class ShutdownStop implements AutoCloseable {

    /** How long a shutdown waits for training to reach a safe point before the JVM exits anyway. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final StopRequest request = new StopRequest();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean shuttingDown;

    private ShutdownStop() {
        this.hook = new Thread(this::onShutdown, "mdfe-graceful-stop");
    }

    /** Registers the shutdown hook. */
    public static ShutdownStop install() {
        ShutdownStop stop = new ShutdownStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The request a training loop polls. */
    public StopRequest request() {
        return request;
    }

    /** True once the JVM is shutting down (a signal): it exits by itself when this is closed, with the signal's status. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    private void onShutdown() {
        shuttingDown = true;
        request.request("stop signal (SIGTERM or SIGINT)");
        try {
            done.await(MAX_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Training has ended: a pending shutdown may proceed, and the hook is removed otherwise. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and now returns
        }
    }
}
