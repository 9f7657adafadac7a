package org.compliancebot.bot.change;

import static org.compliancebot.bot.change.CrState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The allowed lifecycle transitions:
 *
 * <pre>
 * DRAFT → SUBMITTED → ASSESSED → AWAITING_APPROVAL → APPROVED | REJECTED
 *                     ASSESSED → APPROVED                  (low risk, approved by the bot)
 *           AWAITING_APPROVAL → ASSESSED                   (request expired or superseded)
 * APPROVED → SCHEDULED → TESTING → DEPLOYED → VERIFIED → CLOSED (Success)
 * REJECTED → CLOSED (Rejected)
 * TESTING → TESTING_FAILED → REVISE → TESTING
 * DEPLOYED → DEPLOY_FAILED → ROLLBACK → CLOSED (Rolled back)
 * </pre>
 *
 * This class knows only the shape of the graph; the guards (gates, observation window, roles) are
 * applied by the workflow service.
 */
public final class CrTransitions {
    private static final Map<CrState, Set<CrState>> NEXT = new EnumMap<>(CrState.class);

    static {
        allow(DRAFT, SUBMITTED);
        allow(SUBMITTED, ASSESSED);
        allow(ASSESSED, AWAITING_APPROVAL, APPROVED);
        allow(AWAITING_APPROVAL, APPROVED, REJECTED, ASSESSED);
        allow(APPROVED, SCHEDULED);
        allow(REJECTED, CLOSED);
        allow(SCHEDULED, TESTING);
        allow(TESTING, DEPLOYED, TESTING_FAILED);
        allow(TESTING_FAILED, REVISE);
        allow(REVISE, TESTING);
        allow(DEPLOYED, VERIFIED, DEPLOY_FAILED);
        allow(DEPLOY_FAILED, ROLLBACK);
        allow(ROLLBACK, CLOSED);
        allow(VERIFIED, CLOSED);
        allow(CLOSED);
    }

    private CrTransitions() {}

    private static void allow(CrState from, CrState... to) {
        Set<CrState> set = EnumSet.noneOf(CrState.class);
        set.addAll(java.util.List.of(to));
        NEXT.put(from, Collections.unmodifiableSet(set));
    }

    /** The states reachable from {@code from} in one step; empty for {@link CrState#CLOSED}. */
    public static Set<CrState> next(CrState from) {
        return NEXT.get(from);
    }

    public static boolean allowed(CrState from, CrState to) {
        return NEXT.get(from).contains(to);
    }

    /**
     * Checks one step.
     *
     * @throws ChangeRequestException.IllegalTransition naming the current state and the allowed next states
     */
    public static void check(String crRef, CrState from, CrState to) {
        if (!allowed(from, to)) {
            throw new ChangeRequestException.IllegalTransition(crRef, from, to, next(from));
        }
    }

    /** The outcome a request gets when it is closed from {@code from}, if closing is allowed from there. */
    public static Optional<ClosedOutcome> outcomeOfClosingFrom(CrState from) {
        return switch (from) {
            case VERIFIED -> Optional.of(ClosedOutcome.SUCCESS);
            case REJECTED -> Optional.of(ClosedOutcome.REJECTED);
            case ROLLBACK -> Optional.of(ClosedOutcome.ROLLED_BACK);
            default -> Optional.empty();
        };
    }

    /** Renders a set of states for error messages: {@code "testing, deployed"} or {@code "none (final state)"}. */
    public static String describe(Set<CrState> states) {
        if (states.isEmpty()) {
            return "none (final state)";
        }
        return states.stream().map(CrState::key).collect(Collectors.joining(", "));
    }
}
