package org.compliancebot.bot.evidence.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an audit packet with nothing but its files: no server, no database. The checks run in order and
 * stop at the first failure, which names the broken item.
 */
public final class PacketVerifier {
    private static final List<Check> CHECKS = List.of(new TreeHeadCheck(), new ManifestSignatureCheck(), new RecordsCheck(),
            new ConsistencyCheck(), new EventHashCheck(), new MegolmCheck(), new TimestampCheck(), new ManifestFilesCheck());

    /** The outcome: a line per check that passed, and the failure if one did not. */
    public record Result(List<String> passed, Optional<CheckFailure> failure) {
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /** Checks the packet directory or zip at {@code path}; {@code expectedKey} (base64) may be null. */
    public Result verify(Path path, String expectedKey) {
        Packet packet;
        try {
            packet = Packet.read(path);
        } catch (IOException e) {
            return new Result(List.of(), Optional.of(new CheckFailure(path.toString(), e.getMessage())));
        }
        return verify(packet, expectedKey);
    }

    public Result verify(Packet packet, String expectedKey) {
        VerifyContext ctx = new VerifyContext(packet, expectedKey);
        List<String> passed = new ArrayList<>();
        for (Check check : CHECKS) {
            try {
                passed.add(check.name() + ": " + check.run(ctx));
            } catch (CheckFailure f) {
                return new Result(passed, Optional.of(f));
            } catch (RuntimeException e) {
                return new Result(passed, Optional.of(new CheckFailure(check.name(), "cannot be checked: " + e)));
            }
        }
        return new Result(passed, Optional.empty());
    }
}
