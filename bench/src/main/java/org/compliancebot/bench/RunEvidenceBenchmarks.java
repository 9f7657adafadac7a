package org.compliancebot.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EvidenceBenchmark} and prints throughputs and the ratios to the references measured in the same run.
 * With the argument {@code verify} only the packet verification and its SHA-256 reference run; further arguments
 * are passed to the forked benchmark JVM (for example a flight recording).
 */
public final class RunEvidenceBenchmarks {
    private RunEvidenceBenchmarks() {}

    public static void main(String[] args) throws Exception {
        boolean verifyOnly = args.length > 0 && args[0].equals("verify");
        String include = EvidenceBenchmark.class.getSimpleName()
                + (verifyOnly ? "\\.(verifyPacket|sha256OfPacketReference)$" : "");
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(include)
                .jvmArgsAppend(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length)).build()).run();
        Map<String, Double> ms = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            ms.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        EvidenceBenchmark.Packets sizes = new EvidenceBenchmark.Packets();
        sizes.build();
        double mb = sizes.size() / 1e6;
        sizes.removePacket();
        int n = EvidenceBenchmark.RECORDS;
        double verify = ms.get("verifyPacket");
        double sha = ms.get("sha256OfPacketReference");
        System.out.println();
        System.out.printf("Evidence log, %d records (median of iterations):%n", n);
        if (!verifyOnly) {
            double append = ms.get("ledgerAppend");
            double plain = ms.get("plainBatchedInsertReference");
            System.out.printf("  ledger append (hash + tree + store)   %8.1f ms  %9.0f records/s%n", append, n / append * 1000);
            System.out.printf("  plain batched insert of the same rows %8.1f ms  %9.0f records/s%n", plain, n / plain * 1000);
            System.out.printf("  append / plain throughput ratio: %.2f (target 0.7)%n", plain / append);
        }
        System.out.printf("  verify packet (%.1f MB)                %8.1f ms  %9.1f MB/s%n", mb, verify, mb / verify * 1000);
        System.out.printf("  JDK SHA-256 over the same bytes       %8.1f ms  %9.1f MB/s%n", sha, mb / sha * 1000);
        System.out.printf("  verify / SHA-256 throughput ratio: %.2f (target 0.5)%n", sha / verify);
    }
}
