package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDetails;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentMetrics;
import org.compliancebot.bot.incident.IncidentReport;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.StatusView;
import org.compliancebot.bot.incident.matrix.IncidentSetup;
import org.compliancebot.bridge.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code incident open|list|show}: the incident service on the bot's database. {@code open} records
 * the incident; the running bot then opens its room (it polls the database every few seconds), and
 * {@code --wait} waits for that.
 */
@Command(name = "incident", mixinStandardHelpOptions = true, description = "Open, list and show incidents.",
        subcommands = {IncidentCliCommand.Open.class, IncidentCliCommand.ListCmd.class, IncidentCliCommand.Show.class})
public final class IncidentCliCommand implements Runnable {
    @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Path of the YAML configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    <T> T withService(java.util.function.Function<IncidentService, T> work) {
        BotConfig cfg = new ConfigLoader().load(config);
        Secrets secrets = Secrets.fromEnvironment();
        try (Database db = Database.open(cfg.database().url(), cfg.database().user(),
                cfg.database().url().startsWith("jdbc:postgresql:")
                        ? secrets.require(Secrets.DATABASE_PASSWORD, "PostgreSQL needs a password") : null)) {
            return work.apply(IncidentSetup.service(db, cfg, Clock.systemUTC()));
        }
    }

    static String line(Incident i) {
        String room = i.isOpened() ? i.room().roomId().value() : "room " + i.room().opening().name().toLowerCase(Locale.ROOT);
        return String.format("%s  %-14s %-9s %s  (%s)", i.id(), i.severity().label(), i.status().label(), i.title(), room);
    }

    /** {@code incident open}. */
    @Command(name = "open", mixinStandardHelpOptions = true, description = "Record an incident; the running bot opens its room.")
    static final class Open implements Callable<Integer> {
        @ParentCommand
        IncidentCliCommand parent;
        @Option(names = "--severity", required = true, description = "low, medium, high, critical (or P0 to P3).")
        String severity;
        @Option(names = "--title", required = true)
        String title;
        @Option(names = "--description", defaultValue = "")
        String description;
        @Option(names = "--control", description = "A violated axiom or control; repeatable.")
        List<String> controls = new ArrayList<>();
        @Option(names = "--link", description = "A related link; repeatable.")
        List<String> links = new ArrayList<>();
        @Option(names = "--key", description = "An idempotency key: opening again with it returns the same incident.")
        String key;
        @Option(names = "--wait", description = "Seconds to wait for the bot to open the room (default: do not wait).")
        int waitSeconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = parent.spec.commandLine().getOut();
            Severity s = Severity.parse(severity).orElse(null);
            if (s == null) {
                parent.spec.commandLine().getErr().println("Unknown severity '" + severity + "'. Use one of: " + Severity.choices());
                return 2;
            }
            NewIncident request = new NewIncident(title, s, controls, description, links, "cli", key == null ? null : "cli:" + key);
            Incident i = parent.withService(svc -> svc.open(request));
            out.println("Recorded " + line(i));
            long end = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            IncidentId id = i.id();
            while (waitSeconds > 0 && !i.isOpened() && System.nanoTime() < end) {
                Thread.sleep(1000);
                i = parent.withService(svc -> svc.require(id));
            }
            if (waitSeconds > 0) {
                out.println(i.isOpened() ? "Opened in " + i.room().roomId()
                        : "The room is not open yet (" + i.room().opening().name().toLowerCase(Locale.ROOT) + "); is the bot running?");
                return i.isOpened() ? 0 : 1;
            }
            return 0;
        }
    }

    /** {@code incident list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, newest first.")
    static final class ListCmd implements Callable<Integer> {
        @ParentCommand
        IncidentCliCommand parent;
        @Option(names = "--status", description = "open, resolved or closed (default: all).")
        String status;

        @Override
        public Integer call() {
            IncidentStatus st = status == null ? null : IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT));
            List<Incident> all = parent.withService(svc -> svc.list(st));
            PrintWriter out = parent.spec.commandLine().getOut();
            all.forEach(i -> out.println(line(i)));
            if (all.isEmpty()) {
                out.println("No incidents.");
            }
            return 0;
        }
    }

    /** {@code incident show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an incident with its journal and measures.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        IncidentCliCommand parent;
        @Parameters(paramLabel = "ID", description = "incident-YYYY-MM-DD-NNN")
        String id;

        @Override
        public Integer call() {
            IncidentId incidentId = IncidentId.parse(id);
            PrintWriter out = parent.spec.commandLine().getOut();
            return parent.withService(svc -> {
                IncidentDetails d = svc.details(incidentId);
                IncidentMetrics m = svc.metrics(incidentId);
                out.println(StatusView.render(d, java.time.Instant.now()));
                out.println("Room: " + d.incident().roomId().map(Object::toString).orElse("not created yet")
                        + " (" + d.incident().room().opening().name().toLowerCase(Locale.ROOT) + ")");
                out.println("Transcript records: " + d.transcriptRecords());
                out.println("Time to first response: " + m.timeToFirstResponse().map(StatusView::duration).orElse("-")
                        + "; to resolve: " + m.timeToResolve().map(StatusView::duration).orElse("-")
                        + "; to close: " + m.timeToClose().map(StatusView::duration).orElse("-"));
                out.println("Timeline:");
                d.timeline().forEach(e -> out.println("  " + e.number() + ". " + e.at() + " " + e.kind().name().toLowerCase(Locale.ROOT)
                        + " by " + e.sender() + ": " + e.text()));
                out.println("Checklist:");
                IncidentReport.checklistLines(d.checklist()).forEach(l -> out.println("  " + l));
                return 0;
            });
        }
    }
}
