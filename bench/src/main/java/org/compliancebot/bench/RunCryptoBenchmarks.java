package org.compliancebot.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link CryptoBenchmark} and prints each result as a ratio of one Ed25519 verify in the same run. */
public final class RunCryptoBenchmarks {
    private RunCryptoBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().include(CryptoBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        double reference = scores.get("ed25519VerifyReference");
        System.out.println();
        System.out.println("Ratio to one Bouncy Castle Ed25519 verify (" + String.format("%.1f", reference) + " us):");
        scores.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                System.out.printf("  %-34s %9.1f us  %5.2fx%n", e.getKey(), e.getValue(), e.getValue() / reference));
    }
}
