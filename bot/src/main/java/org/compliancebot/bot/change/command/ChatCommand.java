package org.compliancebot.bot.change.command;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.RiskImpact;

/** A parsed chat command. References are kept as typed by the user and resolved by the handler. */
public sealed interface ChatCommand {
    record Help() implements ChatCommand {}

    record New(String summary, ChangeType type, ChangeClass changeClass, Set<String> categories, List<String> modules)
            implements ChatCommand {}

    record Submit(String ref) implements ChatCommand {}

    /**
     * @param impact dimension name ({@code technical}, {@code tenant}, {@code compliance},
     *     {@code operational}) to level; all four are present
     */
    record Assess(String ref, Map<String, ImpactLevel> impact, List<RiskSpec> risks) implements ChatCommand {}

    record RequestApproval(String ref) implements ChatCommand {}

    record Status(String ref) implements ChatCommand {}

    /** @param state null for all open requests */
    record ListCrs(CrState state, boolean includeClosed) implements ChatCommand {}

    record Advance(String ref, CrState target, String reason) implements ChatCommand {}

    record Gate(String ref, int number, String evidence, List<String> links) implements ChatCommand {}

    record Emergency(String summary, String justification) implements ChatCommand {}

    /** One risk in an assess command. */
    record RiskSpec(Likelihood likelihood, RiskImpact impact, String description) {}
}
