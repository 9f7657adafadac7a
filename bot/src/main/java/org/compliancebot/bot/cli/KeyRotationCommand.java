package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bridge.store.Database;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the key rotation commands share: the configuration option, the secrets (from the environment, or
 * given by tests), the bot's database, and the signing key's vault for one secret. Exit codes: 0 done,
 * {@link #REFUSED} when refused before anything changed, 2 on a configuration error.
 */
abstract class KeyRotationCommand implements Callable<Integer> {
    /** Exit code of a rotation that was refused before anything changed. */
    static final int REFUSED = 1;

    @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.")
    Path config;

    @Spec
    CommandSpec spec;

    final Secrets secrets;

    KeyRotationCommand(Secrets secrets) {
        this.secrets = secrets;
    }

    Database open(BotConfig cfg) {
        String url = cfg.database().url();
        return Database.open(url, cfg.database().user(), url.startsWith("jdbc:postgresql:")
                ? secrets.require(Secrets.DATABASE_PASSWORD, "PostgreSQL needs a password") : null);
    }

    int refused(String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Refused, nothing was changed: " + why);
        err.flush();
        return REFUSED;
    }

    /** The signing key's vault as the bot derives it from the secret {@code name} holding {@code text}. */
    static SigningKeys.Source source(String name, String text) {
        try {
            return SigningKeys.source(new Secrets(Map.of(name, text)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
    }
}
