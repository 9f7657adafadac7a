package org.compliancebot.bot.evidence;

import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;

/**
 * Where packets get Megolm session exports from: the bot's crypto store, once end-to-end encryption is
 * wired. An export at index {@code i} lets anyone holding it decrypt every message of that session from
 * {@code i} on (see docs/evidence.md, "What including session keys exposes").
 */
@FunctionalInterface
public interface SessionExportSource {
    /** The session exported at {@code firstIndex} (or the earliest index known if later), or empty. */
    Optional<ExportedSessionKey> export(String roomId, String senderKey, String sessionId, long firstIndex);

    static SessionExportSource none() {
        return (room, senderKey, sessionId, index) -> Optional.empty();
    }
}
