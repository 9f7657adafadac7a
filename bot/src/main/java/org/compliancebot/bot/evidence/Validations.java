package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A compliance manager's verdict on a record (runbook 3, step 7) is a record of its own: the log stays
 * append-only, and the verdict carries who gave it, when, and on which event. It inherits the target's
 * links so it appears in the same packets.
 */
public final class Validations {
    public static final String VALIDATED = "validated";
    public static final String DISMISSED = "dismissed";

    private Validations() {}

    /**
     * @param commandEventId the event id of the command message that gave the verdict
     * @param target         the event id of the record judged
     * @param reason         why a record is dismissed; may be null when validating
     */
    public static EvidenceRecord record(String roomId, String commandEventId, String manager, long originTs, long receivedTs,
                                        String target, boolean valid, String reason, EvidenceLinks targetLinks) {
        String note = valid ? VALIDATED : DISMISSED + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("verdict", valid ? VALIDATED : DISMISSED);
        if (reason != null && !reason.isBlank()) {
            content.put("reason", reason.strip());
        }
        return new EvidenceRecord(-1, EvidenceKind.VALIDATION, roomId, commandEventId, "org.compliancebot.evidence.validation",
                manager, null, SenderTrust.UNKNOWN, originTs, receivedTs, null, content, null,
                targetLinks.withRelatesTo(target), null, note);
    }
}
