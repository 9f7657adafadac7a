package org.compliancebot.bot.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: starts the bot and keeps it running until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the bot.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Path of the YAML configuration (default: ${DEFAULT-VALUE}).",
            defaultValue = "config.yaml")
    Path config;

    @Override
    public Integer call() throws Exception {
        BotConfig cfg = new ConfigLoader().load(config);
        BotApplication app = new BotApplication(cfg, Secrets.fromEnvironment(), Clock.systemUTC());
        org.compliancebot.bot.app.StandardModules.all().forEach(app::with);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        app.start();
        app.awaitStop();
        return 0;
    }
}
