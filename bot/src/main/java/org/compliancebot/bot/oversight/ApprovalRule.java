package org.compliancebot.bot.oversight;

import java.util.List;
import java.util.stream.Collectors;
import org.compliancebot.bot.roles.Role;

/**
 * What approval a change needs and from whom.
 *
 * <p>Either {@code automatic} (the bot approves; only allowed for low risk), or a list of role
 * slots: each slot must be filled by a different person holding that role. One person holding two
 * of the roles still fills only one slot. {@code crossSigningRequired} makes approvers decide from a
 * device cross-signed by their own master key.
 */
public record ApprovalRule(boolean automatic, List<Role> slots, boolean crossSigningRequired) {
    public ApprovalRule {
        slots = List.copyOf(slots);
        if (automatic && !slots.isEmpty()) {
            throw new IllegalArgumentException("an automatic rule has no approver roles");
        }
        if (!automatic && slots.isEmpty()) {
            throw new IllegalArgumentException("a rule that is not automatic needs at least one approver role");
        }
    }

    public static ApprovalRule automaticByBot() {
        return new ApprovalRule(true, List.of(), false);
    }

    public static ApprovalRule of(boolean crossSigningRequired, Role... slots) {
        return new ApprovalRule(false, List.of(slots), crossSigningRequired);
    }

    /** Plain words: {@code "one overseer"}, {@code "2 different people: an overseer and a stakeholder"}. */
    public String describe() {
        if (automatic) {
            return "automatic approval by the bot";
        }
        if (slots.size() == 1) {
            return "one " + slots.get(0).label();
        }
        return slots.size() + " different people: " + joinWithAnd(slots.stream().map(r -> article(r.label())).toList());
    }

    static String article(String label) {
        return ("aeiouAEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    static String joinWithAnd(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return parts.subList(0, parts.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + parts.get(parts.size() - 1);
    }
}
