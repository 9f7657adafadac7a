package org.compliancebot.bot.oversight;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.roles.Role;

/**
 * Approval authority as data: the rule for each risk level, and the guardrails on automatic
 * approval. Meant to be loaded from configuration; {@link #defaults()} gives:
 *
 * <ul>
 *   <li>Low: the bot approves automatically, unless a guardrail forbids it;
 *   <li>Medium: one human overseer;
 *   <li>High: an overseer and a stakeholder, two different people, from cross-signed devices;
 *   <li>Critical: the highest authority and an overseer, two different people, from cross-signed devices.
 * </ul>
 *
 * Guardrails: a change carrying one of {@code noAutoApprovalCategories} (default {@code governance}),
 * or an emergency change, is never approved by the bot; it gets the Medium rule instead.
 *
 * @throws IllegalArgumentException if a rule is missing or an automatic rule is set for a level above Low
 */
public record ApprovalPolicy(Map<RiskLevel, ApprovalRule> rules, Set<String> noAutoApprovalCategories) {

    public ApprovalPolicy {
        Objects.requireNonNull(rules, "rules");
        EnumMap<RiskLevel, ApprovalRule> copy = new EnumMap<>(RiskLevel.class);
        copy.putAll(rules);
        for (RiskLevel level : RiskLevel.values()) {
            ApprovalRule rule = copy.get(level);
            if (rule == null) {
                throw new IllegalArgumentException("approval policy has no rule for risk level " + level.key());
            }
            // The bot never approves Medium or above, whatever the configuration says.
            if (rule.automatic() && level != RiskLevel.LOW) {
                throw new IllegalArgumentException("approval policy: risk level " + level.key()
                        + " cannot be approved automatically; only low risk can");
            }
        }
        if (copy.get(RiskLevel.MEDIUM).automatic()) {
            throw new IllegalArgumentException("the medium rule is the fallback for guardrails and must name approvers");
        }
        rules = Map.copyOf(copy);
        TreeSet<String> cats = new TreeSet<>();
        (noAutoApprovalCategories == null ? Set.<String>of() : noAutoApprovalCategories)
                .forEach(c -> cats.add(c.trim().toLowerCase(Locale.ROOT)));
        noAutoApprovalCategories = Set.copyOf(cats);
    }

    public static ApprovalPolicy defaults() {
        return new ApprovalPolicy(Map.of(
                RiskLevel.LOW, ApprovalRule.automaticByBot(),
                RiskLevel.MEDIUM, ApprovalRule.of(false, Role.HUMAN_OVERSEER),
                RiskLevel.HIGH, ApprovalRule.of(true, Role.HUMAN_OVERSEER, Role.STAKEHOLDER),
                RiskLevel.CRITICAL, ApprovalRule.of(true, Role.HIGHEST_AUTHORITY, Role.HUMAN_OVERSEER)),
                Set.of("governance"));
    }

    /** The configured rule for a risk level, before guardrails. */
    public ApprovalRule ruleFor(RiskLevel level) {
        return rules.get(level);
    }

    /**
     * The rule that applies to {@code cr} at {@code level}: the level's rule, except that an
     * automatic rule is replaced by the Medium rule when a guardrail forbids automatic approval.
     */
    public Authority authorityFor(ChangeRequest cr, RiskLevel level) {
        ApprovalRule rule = ruleFor(level);
        if (!rule.automatic()) {
            return new Authority(rule, "");
        }
        String guard = guardrailAgainstAutoApproval(cr);
        return guard.isEmpty() ? new Authority(rule, "") : new Authority(ruleFor(RiskLevel.MEDIUM), guard);
    }

    /** Why the bot may not approve {@code cr}, or an empty string if nothing forbids it. */
    public String guardrailAgainstAutoApproval(ChangeRequest cr) {
        for (String c : cr.description().categories()) {
            if (noAutoApprovalCategories.contains(c)) {
                return "changes in the category '" + c + "' are never approved automatically";
            }
        }
        if (cr.type() == ChangeType.EMERGENCY) {
            return "emergency changes are never approved automatically";
        }
        return "";
    }

    /** The rule chosen for a change, and the guardrail that overrode automatic approval (empty if none). */
    public record Authority(ApprovalRule rule, String guardrail) {}
}
