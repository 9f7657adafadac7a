package org.compliancebot.bot.evidence;

import java.util.Locale;

/** What a record is. Edits, redactions and validations are records of their own, linked to their target. */
public enum EvidenceKind {
    /** A room message (or any other timeline event that is not one of the kinds below). */
    MESSAGE,
    /** An {@code m.replace} edit of an earlier message. */
    EDIT,
    /** An {@code m.room.redaction} of an earlier event. */
    REDACTION,
    /** A state event (membership, encryption, name ...). */
    STATE,
    /** A compliance manager's validation or dismissal of an earlier record. */
    VALIDATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EvidenceKind fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
