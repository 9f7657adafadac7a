package org.compliancebot.bot.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.setup.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bootstrap}: prepares the homeserver for the bot. Safe to run on every start. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Register the bot account, exempt it from rate limits, set up its cross-signing,",
                "create the base rooms and invite the role holders. Idempotent."})
public final class BootstrapCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.")
    Path config;

    @Option(names = "--admin-user", defaultValue = "${env:COMPLIANCE_BOT_ADMIN_USER:-admin}",
            description = "Localpart of the homeserver admin account used for the rate-limit override (default: ${DEFAULT-VALUE}).")
    String adminUser;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BotConfig cfg = new ConfigLoader().load(config);
        var out = spec.commandLine().getOut();
        Bootstrap.Report report = new Bootstrap(cfg, Secrets.fromEnvironment(), Clock.systemUTC(), adminUser,
                line -> { out.println(line); out.flush(); }).run();
        out.println(report.changes().isEmpty() ? "Nothing to change: everything was in place."
                : "Changed: " + String.join("; ", report.changes()));
        return report.crossSigned() ? 0 : 3;
    }
}
