package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verify <packet>}: checks an audit packet offline (no server, no database). Prints PASS, or FAIL with
 * the first broken item and why. Exit code 0 on PASS, 1 on FAIL.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify an audit packet (directory or zip) offline. Exit code 0 on PASS, 1 on FAIL.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<packet>", description = "The packet directory or its zip.")
    Path packet;

    @Option(names = "--expect-key", paramLabel = "<base64>",
            description = "The log's published Ed25519 public key; the packet must be signed with it.")
    String expectedKey;

    @Option(names = {"-q", "--quiet"}, description = "Print only PASS or FAIL.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PacketVerifier.Result r = new PacketVerifier().verify(packet, expectedKey);
        if (!quiet) {
            r.passed().forEach(line -> out.println("ok   " + line));
        }
        if (r.ok()) {
            out.println("PASS");
            if (expectedKey == null && !quiet) {
                out.println("(the signing key was not compared with a published one; use --expect-key)");
            }
            out.flush();
            return 0;
        }
        out.println("FAIL " + r.failure().get().location() + ": " + r.failure().get().reason());
        out.flush();
        return 1;
    }
}
