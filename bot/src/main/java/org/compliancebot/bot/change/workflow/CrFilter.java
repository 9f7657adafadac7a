package org.compliancebot.bot.change.workflow;

import java.util.Set;
import java.util.function.Predicate;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bridge.id.UserId;

/** Which change requests {@code list} returns. Empty sets and null requester mean "any". */
public record CrFilter(Set<CrState> states, UserId requester, boolean includeClosed) implements Predicate<ChangeRequest> {
    public CrFilter {
        states = Set.copyOf(states);
    }

    /** Every request that is not closed. */
    public static CrFilter open() {
        return new CrFilter(Set.of(), null, false);
    }

    public static CrFilter all() {
        return new CrFilter(Set.of(), null, true);
    }

    public static CrFilter inState(CrState state) {
        return new CrFilter(Set.of(state), null, true);
    }

    @Override
    public boolean test(ChangeRequest cr) {
        if (!states.isEmpty() && !states.contains(cr.state())) {
            return false;
        }
        if (!includeClosed && cr.state() == CrState.CLOSED) {
            return false;
        }
        return requester == null || requester.equals(cr.requester());
    }
}
