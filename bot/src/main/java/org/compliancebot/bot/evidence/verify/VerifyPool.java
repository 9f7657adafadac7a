package org.compliancebot.bot.evidence.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The threads the verifier spreads independent work over: one per core, daemons, shared by all verifications.
 * Tasks never wait for other tasks, so the pool cannot deadlock.
 */
final class VerifyPool {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
        Thread t = new Thread(r, "packet-verifier");
        t.setDaemon(true);
        return t;
    });

    private VerifyPool() {}

    static <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        return POOL.submit(task);
    }

    /** Runs {@code task} for chunks {@code 0..chunks-1} on the pool and returns their results in chunk order. */
    static <T> List<T> forChunks(int chunks, IntFunction<T> task) {
        List<Future<T>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            futures.add(POOL.submit(() -> task.apply(chunk)));
        }
        List<T> out = new ArrayList<>(chunks);
        for (Future<T> f : futures) {
            out.add(join(f));
        }
        return out;
    }

    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
