package org.compliancebot.bot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from the environment: each secret {@code NAME} is read from the variable {@code NAME}, or
 * from the file named by {@code NAME_FILE} (the Docker secrets convention). Values are never logged;
 * {@link #toString()} prints only which secrets are present.
 */
public final class Secrets {
    public static final String PASSWORD = "COMPLIANCE_BOT_PASSWORD";
    public static final String ACCESS_TOKEN = "COMPLIANCE_BOT_ACCESS_TOKEN";
    public static final String STORE_KEY = "COMPLIANCE_BOT_STORE_KEY";
    public static final String DATABASE_PASSWORD = "COMPLIANCE_BOT_DATABASE_PASSWORD";
    /** Synapse's registration_shared_secret, used by {@code bootstrap} only. */
    public static final String REGISTRATION_SHARED_SECRET = "COMPLIANCE_BOT_REGISTRATION_SHARED_SECRET";
    /** The password of the homeserver admin account {@code bootstrap} uses for the rate-limit override. */
    public static final String ADMIN_PASSWORD = "COMPLIANCE_BOT_ADMIN_PASSWORD";
    /** Encrypts the evidence log's signing key at rest; when unset, a key derived from {@link #STORE_KEY} is used. */
    public static final String EVIDENCE_KEY = "COMPLIANCE_BOT_EVIDENCE_KEY";

    private final Map<String, String> env;

    public Secrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Secrets fromEnvironment() {
        return new Secrets(System.getenv());
    }

    public Optional<String> get(String name) {
        String direct = env.get(name);
        if (direct != null && !direct.isBlank()) {
            return Optional.of(direct.strip());
        }
        String file = env.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new ConfigException(name + "_FILE names an empty file: " + file);
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new ConfigException(name + "_FILE names a file that cannot be read: " + file + " (" + e.getMessage() + ")", e);
            }
        }
        return Optional.empty();
    }

    public String require(String name, String why) {
        return get(name).orElseThrow(() -> new ConfigException(
                "secret " + name + " is not set (" + why + "): set the variable " + name + " or " + name + "_FILE"));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Secrets[");
        for (String n : new String[] {PASSWORD, ACCESS_TOKEN, STORE_KEY, DATABASE_PASSWORD, REGISTRATION_SHARED_SECRET,
                ADMIN_PASSWORD, EVIDENCE_KEY}) {
            b.append(n).append(get(n).isPresent() ? "=set " : "=unset ");
        }
        return b.toString().strip() + "]";
    }
}
