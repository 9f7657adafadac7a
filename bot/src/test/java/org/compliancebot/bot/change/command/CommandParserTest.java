package org.compliancebot.bot.change.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.RiskImpact;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private static ChatCommand parsed(String text) {
        CommandParser.Result r = CommandParser.parse(text);
        assertThat(r).as(text).isInstanceOf(CommandParser.Result.Parsed.class);
        return ((CommandParser.Result.Parsed) r).command();
    }

    private static String invalid(String text) {
        CommandParser.Result r = CommandParser.parse(text);
        assertThat(r).as(text).isInstanceOf(CommandParser.Result.Invalid.class);
        return ((CommandParser.Result.Invalid) r).message();
    }

    @Test
    void notCommands() {
        for (String t : new String[] {"hello", "APPROVED", "!crx", " cr new x", "!helpme"}) {
            assertThat(CommandParser.parse(t)).as(t).isInstanceOf(CommandParser.Result.NotACommand.class);
        }
    }

    @Test
    void help() {
        assertThat(parsed("!help")).isInstanceOf(ChatCommand.Help.class);
        assertThat(parsed("!cr")).isInstanceOf(ChatCommand.Help.class);
        assertThat(parsed("!cr help")).isInstanceOf(ChatCommand.Help.class);
    }

    @Test
    void newWithOptionsAnywhere() {
        assertThat(parsed("!cr new Add asset_owner field --type standard --class significant --governance --modules WRAC,Risk"))
                .isEqualTo(new ChatCommand.New("Add asset_owner field", ChangeType.STANDARD, ChangeClass.SIGNIFICANT,
                        Set.of("governance"), List.of("WRAC", "Risk")));
        assertThat(parsed("!cr new --type normal \"Rotate keys\" now"))
                .isEqualTo(new ChatCommand.New("Rotate keys now", ChangeType.NORMAL, null, Set.of(), List.of()));
        assertThat(invalid("!cr new --type weird x")).contains("unknown type 'weird'", "standard, normal");
        assertThat(invalid("!cr new x --type emergency")).contains("!cr emergency");
        assertThat(invalid("!cr new --type normal")).contains("needs a summary");
        assertThat(invalid("!cr new x --colour red")).contains("unknown option --colour");
        assertThat(invalid("!cr new x --class")).contains("--class needs a value");
    }

    @Test
    void assess() {
        ChatCommand.Assess a = (ChatCommand.Assess) parsed(
                "!cr assess CR-2026-004 impact=medium risk=likely/minor \"owner not populated\" risk=unlikely/major,rare/catastrophic");
        assertThat(a.ref()).isEqualTo("CR-2026-004");
        assertThat(a.impact()).containsExactlyInAnyOrderEntriesOf(Map.of("technical", ImpactLevel.MEDIUM,
                "tenant", ImpactLevel.MEDIUM, "compliance", ImpactLevel.MEDIUM, "operational", ImpactLevel.MEDIUM));
        assertThat(a.risks()).containsExactly(
                new ChatCommand.RiskSpec(Likelihood.LIKELY, RiskImpact.MINOR, "owner not populated"),
                new ChatCommand.RiskSpec(Likelihood.UNLIKELY, RiskImpact.MAJOR, null),
                new ChatCommand.RiskSpec(Likelihood.RARE, RiskImpact.CATASTROPHIC, null));
        ChatCommand.Assess dims = (ChatCommand.Assess) parsed(
                "!cr assess CR-2026-004 risk=almost-certain/negligible impact=low compliance=high");
        assertThat(dims.impact()).containsEntry("compliance", ImpactLevel.HIGH).containsEntry("technical", ImpactLevel.LOW);
        assertThat(invalid("!cr assess CR-2026-004 impact=medium")).contains("at least one risk");
        assertThat(invalid("!cr assess CR-2026-004 risk=likely/minor technical=low")).contains("missing: tenant");
        assertThat(invalid("!cr assess CR-2026-004 risk=sometimes/minor impact=low")).contains("unknown likelihood 'sometimes'",
                "almost-certain");
        assertThat(invalid("!cr assess CR-2026-004 risk=likely/bad impact=low")).contains("unknown impact 'bad'", "catastrophic");
        assertThat(invalid("!cr assess CR-2026-004 risk=likely impact=low")).contains("<likelihood>/<impact>");
        assertThat(invalid("!cr assess CR-2026-004 risk=likely/minor impact=huge")).contains("unknown level 'huge'");
        assertThat(invalid("!cr assess CR-2026-004 risk=likely/minor impact=low \"orphan\"")).contains("key=value");
    }

    @Test
    void advanceListsValidStatesForAnUnknownOne() {
        assertThat(parsed("!cr advance CR-2026-004 testing-failed 3 tests fail"))
                .isEqualTo(new ChatCommand.Advance("CR-2026-004", CrState.TESTING_FAILED, "3 tests fail"));
        assertThat(parsed("!cr advance CR-2026-004 scheduled"))
                .isEqualTo(new ChatCommand.Advance("CR-2026-004", CrState.SCHEDULED, ""));
        String msg = invalid("!cr advance CR-2026-004 deploy");
        assertThat(msg).contains("unknown state 'deploy'", "valid states: draft, submitted, assessed, awaiting_approval",
                "deployed", "closed");
        assertThat(invalid("!cr advance CR-2026-004")).contains("usage");
    }

    @Test
    void gateStatusListSubmitEmergency() {
        assertThat(parsed("!cr gate CR-2026-004 4 245/245 passed https://ci.example.org/17"))
                .isEqualTo(new ChatCommand.Gate("CR-2026-004", 4, "245/245 passed https://ci.example.org/17",
                        List.of("https://ci.example.org/17")));
        assertThat(invalid("!cr gate CR-2026-004 9 x")).contains("1 to 8");
        assertThat(invalid("!cr gate CR-2026-004 four x")).contains("1 to 8");
        assertThat(parsed("!cr status DRAFT-3")).isEqualTo(new ChatCommand.Status("DRAFT-3"));
        assertThat(parsed("!cr list")).isEqualTo(new ChatCommand.ListCrs(null, false));
        assertThat(parsed("!cr list all")).isEqualTo(new ChatCommand.ListCrs(null, true));
        assertThat(parsed("!cr list deployed")).isEqualTo(new ChatCommand.ListCrs(CrState.DEPLOYED, true));
        assertThat(parsed("!cr submit DRAFT-1")).isEqualTo(new ChatCommand.Submit("DRAFT-1"));
        assertThat(invalid("!cr submit")).contains("usage: !cr submit DRAFT-n");
        assertThat(parsed("!cr emergency Patch CVE --why active exploit"))
                .isEqualTo(new ChatCommand.Emergency("Patch CVE", "active exploit"));
        assertThat(parsed("!cr request CR-2026-004")).isEqualTo(new ChatCommand.RequestApproval("CR-2026-004"));
        assertThat(invalid("!cr frobnicate")).contains("unknown command '!cr frobnicate'");
        assertThat(invalid("!cr new \"unclosed")).contains("quote is not closed");
    }
}
