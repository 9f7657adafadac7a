package org.compliancebot.bot.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A role a person can hold in change management and oversight. Roles are granted to Matrix user
 * IDs by the {@link RoleDirectory}; nothing else (display names, power levels) confers one.
 */
public enum Role {
    SECURITY_LEAD("security lead"),
    HUMAN_OVERSEER("overseer"),
    COMPLIANCE_MANAGER("compliance manager"),
    CTO("CTO"),
    LEGAL_COUNSEL("legal counsel"),
    STAKEHOLDER("stakeholder"),
    HIGHEST_AUTHORITY("highest authority"),
    AUDITOR("auditor");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The short human label used in chat replies, e.g. {@code overseer}. */
    public String label() {
        return label;
    }

    /** The configuration key, e.g. {@code human_overseer}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration key or label, ignoring case and treating {@code -}, {@code _} and
     * spaces alike ({@code human-overseer}, {@code Human Overseer}, {@code overseer}).
     */
    public static Optional<Role> parse(String text) {
        String norm = normalise(text);
        return Arrays.stream(values())
                .filter(r -> normalise(r.name()).equals(norm) || normalise(r.label).equals(norm))
                .findFirst();
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "_");
    }
}
