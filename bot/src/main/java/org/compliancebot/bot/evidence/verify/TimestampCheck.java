package org.compliancebot.bot.evidence.verify;

import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.TimestampTokens;
import org.compliancebot.bot.evidence.packet.PacketFiles;

/** When a time-stamp token is included: it stamps this packet's tree head and its TSA signature verifies. */
final class TimestampCheck implements Check {
    @Override
    public String name() {
        return "time-stamp token";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        var token = ctx.packet.file(PacketFiles.TIMESTAMP);
        if (token.isEmpty()) {
            return "no token included";
        }
        try {
            TimestampTokens.Stamp s = TimestampTokens.verify(token.get(), MerkleHashing.sha256(ctx.head.signedText()));
            return "stamped " + s.time() + " by " + s.tsaSubject() + " (serial " + s.serial() + "); trust in that TSA is yours to decide";
        } catch (TimestampTokens.TimestampException e) {
            throw new CheckFailure(PacketFiles.TIMESTAMP, e.getMessage());
        } catch (RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 deep inside with unchecked exceptions.
            throw new CheckFailure(PacketFiles.TIMESTAMP, "the token is malformed: " + e.getMessage());
        }
    }
}
