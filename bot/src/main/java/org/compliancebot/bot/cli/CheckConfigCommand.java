package org.compliancebot.bot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code check-config}: validates a configuration file and exits. */
@Command(name = "check-config", mixinStandardHelpOptions = true, description = "Validate the configuration and exit.")
public final class CheckConfigCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BotConfig cfg = new ConfigLoader().load(config);
        spec.commandLine().getOut().println("Configuration OK: " + cfg.bot().userId() + " on " + cfg.homeserver().url());
        return 0;
    }
}
