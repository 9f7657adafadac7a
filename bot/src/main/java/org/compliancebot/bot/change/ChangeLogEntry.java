package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/**
 * One line of the change log: what happened to which request, who did it, when and why.
 * {@code from} and {@code to} are set for {@link Kind#TRANSITION} and null otherwise; {@code crId}
 * is null for entries written before submission.
 */
public record ChangeLogEntry(
        DraftId ref, CrId crId, Instant at, UserId actor, Kind kind, CrState from, CrState to, String reason) {

    public ChangeLogEntry {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
        if (kind == Kind.TRANSITION && (from == null || to == null)) {
            throw new IllegalArgumentException("a transition entry needs from and to");
        }
    }

    /** What sort of event the entry records. */
    public enum Kind {
        CREATED,
        TRANSITION,
        ASSESSMENT,
        GATE_SATISFIED,
        APPROVAL_REQUESTED,
        DECISION,
        CAPA_OPENED,
        CAPA_CLOSED,
        EMERGENCY_DECLARED,
        TIMER_FIRED,
        DECISION_EDIT_IGNORED
    }
}
