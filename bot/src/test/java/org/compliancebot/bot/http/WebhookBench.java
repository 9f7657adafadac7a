package org.compliancebot.bot.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load test of the alert webhook, not run by the test suite. Drives {@code POST /webhooks/generic}
 * (distinct alerts, each stored and committed before the answer) and, in the same run on the same
 * server, a bare Vert.x route that only answers 200; prints accepted alerts/s, p50 and p99 for both and
 * their ratio. Loopback only; the request count is fixed.
 *
 * <pre>
 * ./mvnw -B -q -pl bot -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/bot-test.cp -Dmdep.includeScope=test
 * java -cp bot/target/test-classes:bot/target/classes:$(cat /tmp/bot-test.cp) org.compliancebot.bot.http.WebhookBench [requests] [concurrency]
 * </pre>
 */
public final class WebhookBench {
    private WebhookBench() {}

    record Run(String name, int ok, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return ok / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path dir = Files.createTempDirectory("webhook-bench");
        try (OfflineHttp h = new OfflineHttp(dir, 1024 * 1024)) {
            h.http.router().get("/bench/bare").handler(ctx -> ctx.response().setStatusCode(200).end());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            run(client, h, "warm-up webhook", requests / 10, concurrency, true, 1_000_000);
            run(client, h, "warm-up bare", requests / 10, concurrency, false, 0);
            Run bare = run(client, h, "bare route", requests, concurrency, false, 0);
            Run hook = run(client, h, "webhook", requests, concurrency, true, 2_000_000);
            System.out.printf("%n%-12s %10s %10s %10s%n", "", "req/s", "p50 ms", "p99 ms");
            for (Run r : List.of(bare, hook)) {
                System.out.printf("%-12s %10.0f %10.2f %10.2f%n", r.name(), r.perSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99));
            }
            System.out.printf("%nwebhook / bare: throughput %.3f, p99 latency %.1fx (%d requests, %d in flight, SQLite WAL, synchronous=FULL)%n",
                    hook.perSecond() / bare.perSecond(), hook.percentileMillis(0.99) / bare.percentileMillis(0.99), requests, concurrency);
        }
    }

    private static Run run(HttpClient client, OfflineHttp h, String name, int requests, int concurrency, boolean webhook, int offset)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        long[] lat = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + (webhook ? "/webhooks/generic" : "/bench/bare")));
                    if (webhook) {
                        b.header("Authorization", "Bearer " + OfflineHttp.GENERIC).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"bench\",\"fingerprint\":\"fp-" + (offset + i)
                                        + "\",\"title\":\"Benchmark alert " + i + "\",\"level\":\"warning\",\"labels\":{\"host\":\"h" + (i % 50) + "\"}}"));
                    } else {
                        b.GET();
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
                    lat[i] = System.nanoTime() - t0;
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (ok.get() != requests) {
            throw new IllegalStateException(name + ": only " + ok.get() + " of " + requests + " answered 200");
        }
        return new Run(name, ok.get(), seconds, lat);
    }
}
