package org.compliancebot.bot.http;

import java.util.Set;

/**
 * An authenticated API caller: the token's configured name and its scopes. {@code read} and
 * {@code write} cover every area; {@code <area>:write} includes {@code <area>:read}.
 */
public record Principal(String name, Set<String> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(String area, boolean write) {
        if (scopes.contains("write") || scopes.contains(area + ":write")) {
            return true;
        }
        return !write && (scopes.contains("read") || scopes.contains(area + ":read"));
    }

    /** The name recorded as the actor of what this caller does. */
    public String actor() {
        return "api:" + name;
    }
}
