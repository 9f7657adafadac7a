package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why an operation on a change request was refused. Each case carries the facts the caller needs to
 * explain it; {@link #getMessage()} is written for the person who asked, in plain words.
 */
public abstract sealed class ChangeRequestException extends RuntimeException {
    private ChangeRequestException(String message) {
        super(message);
    }

    /** The lifecycle graph has no edge from the current state to the requested one. */
    public static final class IllegalTransition extends ChangeRequestException {
        private final CrState from;
        private final CrState to;
        private final Set<CrState> allowed;

        public IllegalTransition(String crRef, CrState from, CrState to, Set<CrState> allowed) {
            super(crRef + " is " + from.key() + " and cannot move to " + to.key()
                    + "; allowed next: " + CrTransitions.describe(allowed));
            this.from = from;
            this.to = to;
            this.allowed = Set.copyOf(allowed);
        }

        public CrState from() {
            return from;
        }

        public CrState to() {
            return to;
        }

        public Set<CrState> allowed() {
            return allowed;
        }
    }

    /** Deployment was asked for while some of the eight gates lack evidence. */
    public static final class GatesNotSatisfied extends ChangeRequestException {
        private final List<Gate> missing;

        public GatesNotSatisfied(String crRef, List<Gate> missing) {
            super(crRef + " cannot be deployed: gates not satisfied: "
                    + missing.stream().map(Gate::describe).collect(Collectors.joining("; ")));
            this.missing = List.copyOf(missing);
        }

        public List<Gate> missing() {
            return missing;
        }
    }

    /** Verification was asked for before the observation window after deployment ended. */
    public static final class ObservationWindowOpen extends ChangeRequestException {
        private final Instant endsAt;

        public ObservationWindowOpen(String crRef, ChangeClass changeClass, Instant endsAt) {
            super(crRef + " cannot be verified yet: its " + changeClass.key() + " observation window of "
                    + changeClass.observationWindow().toHours() + " h ends at " + endsAt);
            this.endsAt = endsAt;
        }

        public Instant endsAt() {
            return endsAt;
        }
    }

    /** The actor lacks the role (or relation to the request) the operation needs. */
    public static final class NotAuthorised extends ChangeRequestException {
        public NotAuthorised(String message) {
            super(message);
        }
    }

    /** No change request, approval request or CAPA has the given reference. */
    public static final class NotFound extends ChangeRequestException {
        public NotFound(String what) {
            super("no such " + what);
        }
    }

    /** The request or its input is not fit for the operation (missing assessment, bad value, ...). */
    public static final class Invalid extends ChangeRequestException {
        public Invalid(String message) {
            super(message);
        }
    }
}
