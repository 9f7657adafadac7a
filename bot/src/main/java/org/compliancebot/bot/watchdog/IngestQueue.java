package org.compliancebot.bot.watchdog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bridge.store.Database;

/**
 * Group commit for webhook requests: requests that arrive while a commit is under way are stored
 * together in the next transaction, so concurrent senders share one disk sync. Each request's future
 * completes only after the transaction holding its alerts has committed. If a shared transaction fails,
 * its requests are retried one by one, so one bad request cannot fail the others.
 */
public final class IngestQueue implements AutoCloseable {
    private static final int MAX_BATCH = 256;

    private record Pending(List<IncomingAlert> alerts, CompletableFuture<WatchdogService.IngestResult> done) {}

    private final Database db;
    private final WatchdogService service;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public IngestQueue(Database db, WatchdogService service) {
        this.db = db;
        this.service = service;
        this.writer = Thread.ofPlatform().name("watchdog-ingest").daemon(true).start(this::loop);
    }

    /** Queues the alerts of one request; the future completes once they are committed. */
    public CompletableFuture<WatchdogService.IngestResult> submit(List<IncomingAlert> alerts) {
        CompletableFuture<WatchdogService.IngestResult> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new IllegalStateException("the watchdog is stopping"));
            return f;
        }
        queue.add(new Pending(alerts, f));
        return f;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("the watchdog stopped")));
    }

    private void commit(List<Pending> batch) {
        List<WatchdogService.IngestResult> results;
        try {
            results = db.inTransaction(c -> {
                List<WatchdogService.IngestResult> out = new ArrayList<>();
                for (Pending p : batch) {
                    out.add(service.ingest(c, p.alerts()));
                }
                return out;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
            } else {
                for (Pending p : batch) {
                    commit(List.of(p));
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            service.afterIngest(results.get(i));
            batch.get(i).done().complete(results.get(i));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
