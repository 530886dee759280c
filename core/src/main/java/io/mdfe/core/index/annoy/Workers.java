package io.mdfe.core.index.annoy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs tasks {@code 0..count-1} on a few threads, each thread taking the next task number when
 * it is free (trees differ in cost). Threads get a large stack: tree recursion is as deep as the
 * most unbalanced split chain.
 */
final class Workers {

    private static final long STACK_BYTES = 256L << 20;

    private Workers() {
    }

    /**
     * Runs {@code count} tasks on {@code threads} threads; each thread builds its own worker state
     * once (e.g. a search buffer) and passes each task number to it. Rethrows the first failure.
     */
    static void run(int threads, int count, Supplier<IntConsumer> perThread) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            try {
                IntConsumer task = perThread.get();
                for (int t = next.getAndIncrement(); t < count && failure.get() == null; t = next.getAndIncrement()) {
                    task.accept(t);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        int n = Math.max(1, Math.min(threads, count));
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread thread = new Thread(null, loop, "annoy-worker-" + i, STACK_BYTES);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for annoy workers", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
