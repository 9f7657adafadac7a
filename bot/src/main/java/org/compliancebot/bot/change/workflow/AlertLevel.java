package org.compliancebot.bot.change.workflow;

/** The four escalation levels of watchdog alerts, lowest first. */
public enum AlertLevel {
    INFORMATIONAL, ADVISORY, WARNING, CRITICAL
}
