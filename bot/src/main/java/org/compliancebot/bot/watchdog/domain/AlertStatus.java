package org.compliancebot.bot.watchdog.domain;

/** Whether the source says the condition holds ({@code FIRING}) or has cleared ({@code RESOLVED}). */
public enum AlertStatus {
    FIRING,
    RESOLVED
}
