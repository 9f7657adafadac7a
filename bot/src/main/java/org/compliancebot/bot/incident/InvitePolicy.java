package org.compliancebot.bot.incident;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;

/**
 * Who is invited to an incident room at each severity, by role (runbook 1 of seed 004). The rule
 * for a severity names roles; the {@link RoleDirectory} says who holds them. Raising the severity
 * invites whoever the new rule adds; lowering it removes nobody.
 */
public final class InvitePolicy {
    private final Map<Severity, List<Role>> rules;

    public InvitePolicy(Map<Severity, List<Role>> rules) {
        Objects.requireNonNull(rules, "rules");
        EnumMap<Severity, List<Role>> copy = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            copy.put(s, List.copyOf(rules.getOrDefault(s, List.of())));
        }
        this.rules = copy;
    }

    /** CRITICAL: security lead, human overseer, CTO, legal counsel; HIGH: security lead, compliance manager; else the security lead. */
    public static InvitePolicy defaults() {
        Map<Severity, List<Role>> m = new EnumMap<>(Severity.class);
        m.put(Severity.CRITICAL, List.of(Role.SECURITY_LEAD, Role.HUMAN_OVERSEER, Role.CTO, Role.LEGAL_COUNSEL));
        m.put(Severity.HIGH, List.of(Role.SECURITY_LEAD, Role.COMPLIANCE_MANAGER));
        m.put(Severity.MEDIUM, List.of(Role.SECURITY_LEAD));
        m.put(Severity.LOW, List.of(Role.SECURITY_LEAD));
        return new InvitePolicy(m);
    }

    public List<Role> rolesFor(Severity severity) {
        return rules.get(severity);
    }

    /** The people to invite at {@code severity}, each once with the first role that names them, in rule order. */
    public Map<UserId, Role> inviteesFor(Severity severity, RoleDirectory directory) {
        Map<UserId, Role> out = new LinkedHashMap<>();
        for (Role role : rules.get(severity)) {
            for (UserId u : directory.holders(role)) {
                out.putIfAbsent(u, role);
            }
        }
        return out;
    }

    /** Of the invitees at {@code severity}, those not in {@code alreadyInvited}. */
    public List<Invitation> additions(Severity severity, RoleDirectory directory, Set<UserId> alreadyInvited) {
        List<Invitation> out = new ArrayList<>();
        inviteesFor(severity, directory).forEach((user, role) -> {
            if (!alreadyInvited.contains(user)) {
                out.add(new Invitation(user, role, severity, Invitation.State.PENDING));
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "InvitePolicy" + rules;
    }
}
