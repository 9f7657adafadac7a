package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle states of a change request.
 *
 * <p>{@link #AWAITING_APPROVAL} is a state of its own: an assessed request with an open approval
 * request. It makes "who is being waited for" visible in status and lists, and gives an expired
 * or superseded approval request a plain transition back to {@link #ASSESSED}. The allowed
 * transitions are in {@link CrTransitions}.
 */
public enum CrState {
    DRAFT,
    SUBMITTED,
    ASSESSED,
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    SCHEDULED,
    TESTING,
    TESTING_FAILED,
    REVISE,
    DEPLOYED,
    DEPLOY_FAILED,
    ROLLBACK,
    VERIFIED,
    CLOSED;

    /** The name used in chat, e.g. {@code testing_failed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a state name ignoring case and treating {@code -}, {@code _} and spaces alike. */
    public static Optional<CrState> parse(String text) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Arrays.stream(values()).filter(s -> s.name().equals(norm)).findFirst();
    }
}
