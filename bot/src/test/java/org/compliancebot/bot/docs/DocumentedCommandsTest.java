package org.compliancebot.bot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.change.matrix.ChangeCommands;
import org.compliancebot.bot.cli.Main;
import org.compliancebot.bot.incident.IncidentCommandParser;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every chat command and command-line command the docs name exists in the code. */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of(System.getProperty("compliancebot.repoRoot", ".."));
    private static final Pattern CHAT = Pattern.compile("(?m)(?:^|`)!([a-z]+)\\b");
    private static final Pattern CLI = Pattern.compile("compliance-bot(?:\\.jar)? ([a-z][a-z-]+)");

    private static String docs() throws Exception {
        StringBuilder all = new StringBuilder(Files.readString(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                all.append('\n').append(Files.readString(p));
            }
        }
        return all.toString();
    }

    @Test
    void chatCommandsInTheDocsAreRegistered() throws Exception {
        Set<String> known = new TreeSet<>(IncidentCommandParser.NAMES);
        known.addAll(ChangeCommands.NAMES);
        known.add(WatchdogModule.ACK_COMMAND);
        known.add(EventRouter.PING);
        known.add(EventRouter.HELP);
        known.add(org.compliancebot.bot.evidence.matrix.EvidenceModule.COMMAND);
        Set<String> named = new TreeSet<>();
        Matcher m = CHAT.matcher(docs());
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("chat commands named in the docs").isNotEmpty();
        assertThat(known).as("registered chat commands").containsAll(named);
    }

    @Test
    void commandLineCommandsInTheDocsExist() throws Exception {
        Set<String> known = new TreeSet<>(Main.commandLine().getSubcommands().keySet());
        Set<String> named = new TreeSet<>();
        Matcher m = CLI.matcher(docs());
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("commands named in the docs").isNotEmpty();
        assertThat(known).containsAll(named);
        CommandLine cl = Main.commandLine();
        assertThat(cl.getSubcommands()).containsKeys("run", "bootstrap", "check-config");
    }
}
