package org.compliancebot.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link SyncHandoffBenchmark} and prints events/s for both, with the ratio to the plain insert. */
public final class RunSyncBenchmarks {
    private RunSyncBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SyncHandoffBenchmark.class.getSimpleName()).build()).run();
        Map<String, Double> ms = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            // Single-shot mode: the median of the iterations is steadier than the mean on a shared machine.
            double median = r.getPrimaryResult().getStatistics().getPercentile(50);
            ms.put(name.substring(name.lastIndexOf('.') + 1), median);
        }
        double engine = ms.get("engineHandOff");
        double plain = ms.get("plainBatchedInsertReference");
        System.out.println();
        System.out.printf("Sync hand-off, %d events in batches of %d (median of iterations):%n",
                SyncHandoffBenchmark.EVENTS, SyncHandoffBenchmark.BATCH);
        System.out.printf("  engine hand-off        %8.1f ms  %9.0f events/s%n", engine, SyncHandoffBenchmark.EVENTS / engine * 1000);
        System.out.printf("  plain batched insert   %8.1f ms  %9.0f events/s%n", plain, SyncHandoffBenchmark.EVENTS / plain * 1000);
        System.out.printf("  engine / plain throughput ratio: %.2f%n", plain / engine);
    }
}
