package org.compliancebot.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.compliancebot.bot.change.command.CommandHandler;
import org.compliancebot.bot.change.export.ChangeExports;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.WorkflowEnvironment;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ChangeSettings;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cr}: the change workflow from the command line, on the bot's database and with the same rules
 * as the chat commands ({@code !cr ...}). The caller names the Matrix user they act as; roles are
 * checked for that user. Notifications (an approval request, say) are queued and posted by the running
 * bot.
 */
@Command(name = "cr", mixinStandardHelpOptions = true, description = "Change requests: create, submit, assess, advance, status, list, export.",
        subcommands = {CrCommand.Create.class, CrCommand.Submit.class, CrCommand.Assess.class, CrCommand.Advance.class,
                CrCommand.Status.class, CrCommand.ListCrs.class, CrCommand.Export.class})
public final class CrCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Lets {@code cr create} pass the options of {@code !cr new} (--type, --class, ...) through as words. */
    static void configure(picocli.CommandLine root) {
        root.getSubcommands().get("cr").getSubcommands().get("create").setUnmatchedOptionsArePositionalParams(true);
    }

    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.")
        Path config;

        <T> T withStore(java.util.function.Function<ChangeStore, T> work) {
            BotConfig cfg = new ConfigLoader().load(config);
            Secrets secrets = Secrets.fromEnvironment();
            try (Database db = Database.open(cfg.database().url(), cfg.database().user(),
                    cfg.database().url().startsWith("jdbc:postgresql:")
                            ? secrets.require(Secrets.DATABASE_PASSWORD, "PostgreSQL needs a password") : null)) {
                ChangeStore store = new ChangeStore(db, Clock.systemUTC(), UserId.of(cfg.bot().userId()),
                        ChangeSettings.roleDirectory(cfg), ChangeSettings.approvalPolicy(cfg.change()),
                        WorkflowPolicy.defaults(), ChangeSettings.timerPolicy(cfg.change()));
                return work.apply(store);
            }
        }
    }

    /** A subcommand that is one chat command run as {@code --as}. */
    abstract static class Chat implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--as", required = true, description = "The Matrix user ID you act as, e.g. @alice:example.org.")
        String actor;

        @Spec
        CommandSpec spec;

        abstract String chatCommand();

        @Override
        public Integer call() {
            UserId user = UserId.of(actor);
            Optional<RenderedMessage> reply = common.withStore(store ->
                    store.inTransaction(s -> new CommandHandler(s).handle(user, chatCommand())));
            String text = reply.map(RenderedMessage::plain).orElse("(no answer)");
            boolean refused = text.startsWith("Cannot do that") || text.contains("Send !help");
            (refused ? spec.commandLine().getErr() : spec.commandLine().getOut()).println(text);
            return refused ? 1 : 0;
        }

        static String join(List<String> words) {
            return String.join(" ", words.stream().map(w -> w.contains(" ") ? "\"" + w + "\"" : w).toList());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a draft: <summary> [--type ...] [--class ...] [--governance] [--category c] [--modules a,b]")
    static final class Create extends Chat {
        @Parameters(arity = "1..*", description = "Summary and options, as for !cr new.")
        List<String> words;

        @Override
        String chatCommand() {
            return "!cr new " + join(words);
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a draft: DRAFT-n")
    static final class Submit extends Chat {
        @Parameters(index = "0")
        String ref;

        @Override
        String chatCommand() {
            return "!cr submit " + ref;
        }
    }

    @Command(name = "assess", mixinStandardHelpOptions = true,
            description = "Assess and request approval: CR-YYYY-NNN impact=<level> risk=<likelihood>/<impact> [description] ...")
    static final class Assess extends Chat {
        @Parameters(arity = "2..*")
        List<String> words;

        @Override
        String chatCommand() {
            return "!cr assess " + join(words);
        }
    }

    @Command(name = "advance", mixinStandardHelpOptions = true, description = "Move a change: CR-YYYY-NNN <state> [reason]")
    static final class Advance extends Chat {
        @Parameters(arity = "2..*")
        List<String> words;

        @Override
        String chatCommand() {
            return "!cr advance " + join(words);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a change: CR-YYYY-NNN or DRAFT-n")
    static final class Status extends Chat {
        @Parameters(index = "0")
        String ref;

        @Override
        String chatCommand() {
            return "!cr status " + ref;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List changes: [<state>|all]")
    static final class ListCrs extends Chat {
        @Parameters(arity = "0..1")
        String filter;

        @Override
        String chatCommand() {
            return "!cr list" + (filter == null ? "" : " " + filter);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write change-register.json and change-log.json into a directory.")
    static final class Export implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = {"-o", "--out"}, defaultValue = ".", description = "Directory to write to (default: ${DEFAULT-VALUE}).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            String[] json = common.withStore(store -> store.inTransaction(s -> {
                WorkflowEnvironment env = s.environment();
                ChangeExports exports = new ChangeExports(env.changeRequests(), env.capas(), env.changeLog(),
                        env.approvalPolicy(), env.clock());
                return new String[] {exports.changeRegisterJson(), exports.changeLogJson()};
            }));
            Files.writeString(out.resolve("change-register.json"), json[0]);
            Files.writeString(out.resolve("change-log.json"), json[1]);
            spec.commandLine().getOut().println("Wrote " + out.resolve("change-register.json") + " and "
                    + out.resolve("change-log.json"));
            return 0;
        }
    }
}
