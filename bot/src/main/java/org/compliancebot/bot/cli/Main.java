package org.compliancebot.bot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the bot's command line. */
@Command(name = "compliance-bot", mixinStandardHelpOptions = true, version = "compliance-bot 0.1.0",
        description = "A compliance bot for Matrix: incident rooms, change approvals, alerts and evidence.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, BootstrapCommand.class, CrCommand.class,
                IncidentCliCommand.class, HealthcheckCommand.class, EvidenceCommand.class, VerifyCommand.class,
                RotateStoreKeyCommand.class, RotateEvidenceKeyCommand.class, DbCopyCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared with tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CrCommand.configure(cl);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof org.compliancebot.bot.config.ConfigException) {
                line.getErr().println("Configuration error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof org.compliancebot.bot.setup.SetupException) {
                line.getErr().println("Bootstrap failed: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof org.compliancebot.bot.incident.IncidentException || ex instanceof IllegalArgumentException) {
                line.getErr().println(ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }
}
