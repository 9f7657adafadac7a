package org.compliancebot.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class IncidentCommandParserTest {
    private static IncidentCommand ok(String name, String args) {
        IncidentCommandParser.Result r = IncidentCommandParser.parse(name, args);
        assertThat(r).isInstanceOf(IncidentCommandParser.Result.Ok.class);
        return ((IncidentCommandParser.Result.Ok) r).command();
    }

    private static String invalid(String name, String args) {
        IncidentCommandParser.Result r = IncidentCommandParser.parse(name, args);
        assertThat(r).isInstanceOf(IncidentCommandParser.Result.Invalid.class);
        return ((IncidentCommandParser.Result.Invalid) r).message();
    }

    @Test
    void openTakesSeverityTitleAndDetailLines() {
        IncidentCommand c = ok("incident", "open HIGH  Data  exposed in logs\ncontrols: A.5.24, Axiom 3\n"
                + "links: https://a.example https://b.example\nFirst line.\nSecond line.");
        assertThat(c).isEqualTo(new IncidentCommand.Open(Severity.HIGH, "Data  exposed in logs", "First line.\nSecond line.",
                java.util.List.of("A.5.24", "Axiom 3"), java.util.List.of("https://a.example", "https://b.example")));
        assertThat(((IncidentCommand.Open) ok("incident", "open p0 Outage")).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void openRefusesUnknownSeverityAndMissingTitle() {
        assertThat(invalid("incident", "open urgent Outage")).startsWith("Unknown severity 'urgent'. Use one of: low, medium");
        assertThat(invalid("incident", "open critical")).startsWith("Missing title.");
        assertThat(invalid("incident", "open")).startsWith("Missing severity and title.");
        assertThat(invalid("incident", "close everything")).startsWith("Unknown subcommand 'close'.");
        assertThat(ok("incident", "")).isInstanceOf(IncidentCommand.Help.class);
    }

    @Test
    void workingCommands() {
        assertThat(ok("severity", "critical")).isEqualTo(new IncidentCommand.ChangeSeverity(Severity.CRITICAL));
        assertThat(invalid("severity", "")).startsWith("Which severity?");
        assertThat(ok("assign", "@bob:example.org: rotate the keys"))
                .isEqualTo(new IncidentCommand.Assign(UserId.of("@bob:example.org"), "rotate the keys"));
        assertThat(invalid("assign", "bob rotate")).startsWith("'bob' is not a Matrix user id");
        assertThat(invalid("assign", "@bob:example.org")).startsWith("Missing the task for @bob:example.org");
        assertThat(ok("timeline", "Failover done")).isEqualTo(new IncidentCommand.Note("Failover done"));
        assertThat(invalid("timeline", " ")).startsWith("Nothing to add.");
        assertThat(ok("check", "7")).isEqualTo(new IncidentCommand.Check(7));
        assertThat(invalid("check", "0")).startsWith("There is no item 0;");
        assertThat(invalid("check", "first")).startsWith("'first' is not an item number;");
        assertThat(ok("resolve", "Patched")).isEqualTo(new IncidentCommand.Resolve("Patched"));
        assertThat(invalid("resolve", "")).startsWith("The resolution needs a summary.");
        assertThat(ok("close", "")).isEqualTo(new IncidentCommand.Close());
        assertThat(ok("status", "")).isEqualTo(new IncidentCommand.Status());
        assertThat(ok("checklist", "")).isEqualTo(new IncidentCommand.ShowChecklist());
    }

    @Test
    void idsAndSeverities() {
        IncidentId id = IncidentId.parse("incident-2025-10-02-007");
        assertThat(id.toString()).isEqualTo("incident-2025-10-02-007");
        assertThat(new IncidentId(java.time.LocalDate.of(2025, 1, 2), 1234).toString()).isEqualTo("incident-2025-01-02-1234");
        assertThat(Severity.CRITICAL.priority()).isEqualTo(Priority.P0);
        assertThat(Severity.HIGH.priority()).isEqualTo(Priority.P1);
        assertThat(Severity.MEDIUM.priority()).isEqualTo(Priority.P2);
        assertThat(Severity.LOW.priority()).isEqualTo(Priority.P3);
        assertThat(Severity.parse("p3")).contains(Severity.LOW);
        assertThat(Severity.parse("severe")).isEmpty();
    }
}
