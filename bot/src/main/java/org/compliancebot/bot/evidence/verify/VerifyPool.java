package org.compliancebot.bot.evidence.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The threads the verifier spreads independent work over: one per core, daemons, shared by all verifications.
 * Tasks never wait for other tasks, so the pool cannot deadlock. Background tasks (the file digests, needed only
 * at the end) run when no other task waits, so they fill the moments the checks leave a core idle instead of
 * holding the checks up; among tasks of one kind, first come first served.
 */
final class VerifyPool {
    private static final AtomicLong ORDER = new AtomicLong();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors(), 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "packet-verifier");
                t.setDaemon(true);
                return t;
            }) {
        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            return new Task<>(callable);
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
            return new Task<>(java.util.concurrent.Executors.callable(runnable, value));
        }
    };

    private VerifyPool() {}

    /** Runs {@code task} on the pool when no other kind of task waits. */
    static <T> Future<T> background(Callable<T> task) {
        return POOL.submit(new Background<>(task));
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

    private record Background<T>(Callable<T> task) implements Callable<T> {
        @Override
        public T call() throws Exception {
            return task.call();
        }
    }

    /** A queued task: tasks of the checks before background tasks, each kind in the order submitted. */
    private static final class Task<T> extends FutureTask<T> implements Comparable<Task<?>> {
        private final boolean background;
        private final long order = ORDER.getAndIncrement();

        Task(Callable<T> callable) {
            super(callable);
            background = callable instanceof Background;
        }

        @Override
        public int compareTo(Task<?> other) {
            return background != other.background ? Boolean.compare(background, other.background) : Long.compare(order, other.order);
        }
    }
}
