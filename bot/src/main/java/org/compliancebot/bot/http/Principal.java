package org.compliancebot.bot.http;

import java.util.Set;

/**
 * An authenticated API caller: the token's configured name and its scopes. {@code read} and
 * {@code write} cover every area; {@code <area>:write} includes {@code <area>:read}.
 */
public record Principal(String name, Set<String> scopes) {
    /** The scope that lets a token read the evidence of every room, not only those its user is a member of. */
    public static final String AUDITOR_SCOPE = "auditor";

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(String area, boolean write) {
        if (scopes.contains("write") || scopes.contains(area + ":write")) {
            return true;
        }
        return !write && (scopes.contains("read") || scopes.contains(area + ":read"));
    }

    public boolean isAuditor() {
        return scopes.contains(AUDITOR_SCOPE);
    }

    /** The name recorded as the actor of what this caller does. */
    public String actor() {
        return "api:" + name;
    }
}
