package org.compliancebot.bot.oversight;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.compliancebot.bot.roles.Role;

/**
 * Assigns approvers to role slots so that as many slots as possible are filled, each approver
 * filling at most one (a maximum bipartite matching, by augmenting paths). This is what makes
 * "one person with two roles counts once" hold while still letting a later approver take the slot
 * an earlier, multi-role approver was first given.
 */
final class SlotMatcher {
    private final List<Role> slots;
    private final List<Set<Role>> approvers;
    private final int[] slotOwner;

    private SlotMatcher(List<Role> slots, List<Set<Role>> approvers) {
        this.slots = slots;
        this.approvers = approvers;
        this.slotOwner = new int[slots.size()];
        Arrays.fill(slotOwner, -1);
        for (int a = 0; a < approvers.size(); a++) {
            augment(a, new boolean[slots.size()]);
        }
    }

    /** Matches {@code approvers} (role sets, in decision order) to {@code slots}. */
    static SlotMatcher match(List<Role> slots, List<Set<Role>> approvers) {
        return new SlotMatcher(slots, approvers);
    }

    private boolean augment(int approver, boolean[] seen) {
        for (int s = 0; s < slots.size(); s++) {
            if (seen[s] || !approvers.get(approver).contains(slots.get(s))) {
                continue;
            }
            seen[s] = true;
            if (slotOwner[s] < 0 || augment(slotOwner[s], seen)) {
                slotOwner[s] = approver;
                return true;
            }
        }
        return false;
    }

    int filled() {
        return (int) Arrays.stream(slotOwner).filter(o -> o >= 0).count();
    }

    /** The role slot given to {@code approver}, or null if none. */
    Role roleOf(int approver) {
        for (int s = 0; s < slotOwner.length; s++) {
            if (slotOwner[s] == approver) {
                return slots.get(s);
            }
        }
        return null;
    }

    /** Slots left empty, in rule order. */
    List<Role> open() {
        return java.util.stream.IntStream.range(0, slots.size()).filter(s -> slotOwner[s] < 0)
                .mapToObj(slots::get).toList();
    }
}
