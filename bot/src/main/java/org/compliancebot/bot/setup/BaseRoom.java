package org.compliancebot.bot.setup;

import java.util.List;

/**
 * One of the rooms the bot manages, with its owner role and who else belongs in it, after the room
 * ownership table of the integration plan.
 *
 * @param key        the configuration name under {@code rooms:}
 * @param localpart  the default alias localpart, used when the configuration names no alias
 * @param ownerRole  the role whose holders administer the room (power 100)
 * @param memberRoles further roles whose holders are invited
 */
public record BaseRoom(String key, String localpart, String name, String topic, String ownerRole, List<String> memberRoles) {

    public static final List<BaseRoom> ALL = List.of(
            new BaseRoom("security_team", "security-team", "Security team",
                    "General security discussions. Encrypted, retained 10 years.", "security_lead",
                    List.of("cto")),
            new BaseRoom("compliance_team", "compliance-team", "Compliance team",
                    "Compliance coordination. Messages naming a control become evidence.", "compliance_manager",
                    List.of("auditor", "legal_counsel")),
            new BaseRoom("human_oversight", "human-oversight", "Human oversight",
                    "Approvals of change requests and high-severity incidents. Reply APPROVED or REJECTED: <reason>.",
                    "human_overseer", List.of("highest_authority", "stakeholder", "cto")),
            new BaseRoom("security_monitoring", "security-monitoring", "Security monitoring",
                    "Watchdog alerts. Acknowledge with !ack or a ✅ reaction.", "security_lead",
                    List.of("compliance_manager")),
            new BaseRoom("incident_response", "incident-response", "Incident response",
                    "Open incidents with !incident open <severity> <title>.", "security_lead",
                    List.of("human_overseer", "compliance_manager")));
}
