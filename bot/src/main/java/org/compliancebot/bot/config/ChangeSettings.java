package org.compliancebot.bot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.change.workflow.TimerPolicy;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.oversight.ApprovalRule;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;

/**
 * The {@code change:} section: approval authority per risk level and the workflow's timers. Left out,
 * a key keeps the default of {@link ApprovalPolicy#defaults()} and {@link TimerPolicy#defaults()}.
 *
 * <pre>
 * change:
 *   approvers:                       # risk level: roles, one different person per role; [bot] = automatic
 *     low: [bot]
 *     medium: [human_overseer]
 *     high: [human_overseer, stakeholder]
 *     critical: [highest_authority, human_overseer]
 *   cross_signing_required: [high, critical]
 *   no_auto_approval_categories: [governance]
 *   approval_reminder_minutes: 30
 *   approval_alert_minutes: 30
 *   approval_expiry_minutes: 60
 *   retrospective_reminder_hours: 20
 *   retrospective_due_hours: 24
 * </pre>
 */
public final class ChangeSettings {
    private ChangeSettings() {}

    /** Checks the section (null means all defaults), naming the bad key; returns it with nothing null. */
    static BotConfig.Change validate(BotConfig.Change raw) {
        BotConfig.Change c = raw == null ? new BotConfig.Change(null, null, null, null, null, null, null, null) : raw;
        ApprovalPolicy defaults = ApprovalPolicy.defaults();
        Map<String, List<String>> approvers = new LinkedHashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            ApprovalRule rule = defaults.ruleFor(level);
            approvers.put(level.key(), rule.automatic() ? List.of("bot") : rule.slots().stream().map(Role::key).toList());
        }
        if (c.approvers() != null) {
            for (Map.Entry<String, List<String>> e : c.approvers().entrySet()) {
                String key = "change.approvers." + e.getKey();
                level(e.getKey(), key);
                List<String> roles = e.getValue() == null ? List.of() : e.getValue();
                for (int i = 0; i < roles.size(); i++) {
                    String r = roles.get(i);
                    if (!"bot".equals(r) && (r == null || !ConfigLoader.ROLE_NAMES.contains(r))) {
                        throw new ConfigException("configuration key '" + key + "[" + i + "]' must be bot or one of "
                                + ConfigLoader.ROLE_NAMES + ", got: " + r);
                    }
                }
                approvers.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(roles));
            }
        }
        List<String> crossSigning = c.crossSigningRequired() == null ? List.of("high", "critical") : c.crossSigningRequired();
        for (int i = 0; i < crossSigning.size(); i++) {
            level(crossSigning.get(i), "change.cross_signing_required[" + i + "]");
        }
        List<String> categories = c.noAutoApprovalCategories() == null ? List.of("governance") : c.noAutoApprovalCategories();
        BotConfig.Change out = new BotConfig.Change(Map.copyOf(approvers), List.copyOf(crossSigning), List.copyOf(categories),
                positive(c.approvalReminderMinutes(), 30, "change.approval_reminder_minutes"),
                positive(c.approvalAlertMinutes(), 30, "change.approval_alert_minutes"),
                positive(c.approvalExpiryMinutes(), 60, "change.approval_expiry_minutes"),
                positive(c.retrospectiveReminderHours(), 20, "change.retrospective_reminder_hours"),
                positive(c.retrospectiveDueHours(), 24, "change.retrospective_due_hours"));
        try {
            approvalPolicy(out);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration key 'change.approvers': " + e.getMessage());
        }
        try {
            timerPolicy(out);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration keys 'change.approval_*' / 'change.retrospective_*': " + e.getMessage());
        }
        return out;
    }

    /** The approval policy of a validated section. */
    public static ApprovalPolicy approvalPolicy(BotConfig.Change c) {
        Map<RiskLevel, ApprovalRule> rules = new EnumMap<>(RiskLevel.class);
        Set<RiskLevel> crossSigned = new LinkedHashSet<>();
        c.crossSigningRequired().forEach(l -> crossSigned.add(RiskLevel.valueOf(l.toUpperCase(Locale.ROOT))));
        for (Map.Entry<String, List<String>> e : c.approvers().entrySet()) {
            RiskLevel level = RiskLevel.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            if (e.getValue().equals(List.of("bot"))) {
                rules.put(level, ApprovalRule.automaticByBot());
                continue;
            }
            if (e.getValue().contains("bot")) {
                throw new IllegalArgumentException("risk level " + level.key() + " mixes bot with human approvers");
            }
            List<Role> slots = new ArrayList<>();
            e.getValue().forEach(r -> slots.add(Role.valueOf(r.toUpperCase(Locale.ROOT))));
            rules.put(level, new ApprovalRule(false, slots, crossSigned.contains(level)));
        }
        return new ApprovalPolicy(rules, Set.copyOf(c.noAutoApprovalCategories()));
    }

    /** The role directory of a validated configuration ({@code roles:}). */
    public static RoleDirectory roleDirectory(BotConfig config) {
        RoleDirectory.Builder b = RoleDirectory.forServer(config.homeserver().serverName());
        for (Map.Entry<String, List<String>> e : config.roles().entrySet()) {
            Role role = Role.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            e.getValue().forEach(u -> b.grant(role, org.compliancebot.bridge.id.UserId.of(u)));
        }
        return b.build();
    }

    /** The timer policy of a validated section. */
    public static TimerPolicy timerPolicy(BotConfig.Change c) {
        return new TimerPolicy(Duration.ofMinutes(c.approvalReminderMinutes()), Duration.ofMinutes(c.approvalAlertMinutes()),
                Duration.ofMinutes(c.approvalExpiryMinutes()), Duration.ofHours(c.retrospectiveReminderHours()),
                Duration.ofHours(c.retrospectiveDueHours()));
    }

    private static void level(String text, String key) {
        if (text == null || java.util.Arrays.stream(RiskLevel.values()).noneMatch(l -> l.key().equalsIgnoreCase(text))) {
            throw new ConfigException("configuration key '" + key + "' must name a risk level (low, medium, high, critical), got: "
                    + text);
        }
    }

    private static int positive(Integer value, int fallback, String key) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > 100_000) {
            throw new ConfigException("configuration key '" + key + "' must be a positive whole number, got " + v);
        }
        return v;
    }
}
