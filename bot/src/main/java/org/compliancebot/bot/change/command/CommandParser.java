package org.compliancebot.bot.change.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.RiskImpact;
import org.compliancebot.bot.change.command.Tokenizer.Token;

/**
 * Parses the change request commands. The grammar (also shown by {@code !cr help} and {@code !help}):
 *
 * <pre>
 * !cr new &lt;summary&gt; [--type standard|normal] [--class standard|normal|significant|emergency]
 *         [--governance] [--category &lt;name&gt;] [--modules a,b]
 * !cr submit DRAFT-n
 * !cr assess CR-YYYY-NNN impact=&lt;low|medium|high&gt; risk=&lt;likelihood&gt;/&lt;impact&gt; ["description"] ...
 *         (instead of impact=, give technical= tenant= compliance= operational=; a dimension left out
 *          takes the impact= value)
 * !cr request CR-YYYY-NNN                 request approval again (after expiry)
 * !cr status CR-YYYY-NNN|DRAFT-n
 * !cr list [&lt;state&gt;|all]
 * !cr advance CR-YYYY-NNN &lt;state&gt; [reason]
 * !cr gate CR-YYYY-NNN &lt;1-8&gt; &lt;evidence text, links allowed&gt;
 * !cr emergency &lt;summary&gt; [--why &lt;justification&gt;]
 * !cr help                                (in chat, the router's !help lists these with every other command)
 * </pre>
 *
 * Likelihood: rare, unlikely, possible, likely, almost-certain. Impact: negligible, minor, moderate,
 * major, catastrophic. Double quotes keep words together.
 */
public final class CommandParser {
    static final List<String> DIMENSIONS = List.of("technical", "tenant", "compliance", "operational");

    private CommandParser() {}

    /** The result of parsing one message. */
    public sealed interface Result {
        /** The message is not addressed to the bot. */
        record NotACommand() implements Result {}

        record Parsed(ChatCommand command) implements Result {}

        /** A command with a mistake; {@code message} says what is wrong, in plain words. */
        record Invalid(String message) implements Result {}
    }

    /** The {@code !cr} commands, one per line (continuation lines indented), as {@code !help} lists them. */
    public static String usage() {
        return CommandReplies.USAGE;
    }

    public static Result parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("!help") || lower.startsWith("!help ")) {
            return new Result.Parsed(new ChatCommand.Help());
        }
        if (!(lower.equals("!cr") || lower.startsWith("!cr ") || lower.startsWith("!cr\n"))) {
            return new Result.NotACommand();
        }
        try {
            List<Token> tokens = Tokenizer.tokens(t.substring(3));
            if (tokens.isEmpty()) {
                return new Result.Parsed(new ChatCommand.Help());
            }
            String verb = tokens.get(0).text().toLowerCase(Locale.ROOT);
            List<Token> args = tokens.subList(1, tokens.size());
            return new Result.Parsed(switch (verb) {
                case "help" -> new ChatCommand.Help();
                case "new" -> parseNew(args);
                case "submit" -> new ChatCommand.Submit(single(args, "!cr submit DRAFT-n"));
                case "assess" -> parseAssess(args);
                case "request" -> new ChatCommand.RequestApproval(single(args, "!cr request CR-YYYY-NNN"));
                case "status" -> new ChatCommand.Status(single(args, "!cr status CR-YYYY-NNN"));
                case "list" -> parseList(args);
                case "advance" -> parseAdvance(args);
                case "gate" -> parseGate(args);
                case "emergency" -> parseEmergency(args);
                default -> throw new IllegalArgumentException("unknown command '!cr " + verb
                        + "'; known: new, submit, assess, request, status, list, advance, gate, emergency, help");
            });
        } catch (IllegalArgumentException e) {
            return new Result.Invalid(e.getMessage());
        }
    }

    private static ChatCommand parseNew(List<Token> args) {
        ChangeType type = ChangeType.NORMAL;
        ChangeClass cls = null;
        Set<String> categories = new TreeSet<>();
        List<String> modules = List.of();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Token a = args.get(i);
            String opt = a.quoted() ? "" : a.text().toLowerCase(Locale.ROOT);
            switch (opt) {
                case "--type" -> {
                    String v = value(args, ++i, "--type");
                    type = ChangeType.parse(v).orElseThrow(() -> new IllegalArgumentException("unknown type '" + v
                            + "'; valid types: standard, normal (emergencies: !cr emergency)"));
                    if (type == ChangeType.EMERGENCY) {
                        throw new IllegalArgumentException("emergency changes are declared with !cr emergency <summary>");
                    }
                }
                case "--class" -> {
                    String v = value(args, ++i, "--class");
                    cls = ChangeClass.parse(v).orElseThrow(() -> new IllegalArgumentException("unknown class '" + v
                            + "'; valid classes: " + names(ChangeClass.values())));
                }
                case "--governance" -> categories.add("governance");
                case "--category" -> categories.add(value(args, ++i, "--category"));
                case "--modules" -> modules = Arrays.stream(value(args, ++i, "--modules").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
                default -> {
                    if (opt.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a.text()
                                + "; options: --type, --class, --governance, --category, --modules");
                    }
                    words.add(a.text());
                }
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a new change request needs a summary: !cr new <summary>");
        }
        return new ChatCommand.New(String.join(" ", words), type, cls, categories, modules);
    }

    private static ChatCommand parseAssess(List<Token> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: !cr assess CR-YYYY-NNN impact=<low|medium|high> risk=<likelihood>/<impact> ...");
        }
        String ref = args.get(0).text();
        Map<String, ImpactLevel> dims = new LinkedHashMap<>();
        ImpactLevel overall = null;
        List<ChatCommand.RiskSpec> risks = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            Token a = args.get(i);
            int eq = a.text().indexOf('=');
            if (a.quoted() || eq < 0) {
                throw new IllegalArgumentException("expected key=value, got '" + a.text()
                        + "' (a risk description goes in double quotes right after its risk=)");
            }
            String key = a.text().substring(0, eq).toLowerCase(Locale.ROOT);
            String val = a.text().substring(eq + 1);
            if (key.equals("risk")) {
                String description = null;
                if (i + 1 < args.size() && args.get(i + 1).quoted()) {
                    description = args.get(++i).text();
                }
                for (String one : val.split(",")) {
                    risks.add(risk(one, description));
                }
            } else if (key.equals("impact")) {
                overall = level(val, key);
            } else if (DIMENSIONS.contains(key)) {
                dims.put(key, level(val, key));
            } else {
                throw new IllegalArgumentException("unknown key '" + key + "'; keys: risk, impact, "
                        + String.join(", ", DIMENSIONS));
            }
        }
        if (risks.isEmpty()) {
            throw new IllegalArgumentException("name at least one risk: risk=<likelihood>/<impact>");
        }
        for (String d : DIMENSIONS) {
            if (!dims.containsKey(d)) {
                if (overall == null) {
                    throw new IllegalArgumentException("give impact=<low|medium|high>, or all four of "
                            + String.join(", ", DIMENSIONS) + " (missing: " + d + ")");
                }
                dims.put(d, overall);
            }
        }
        return new ChatCommand.Assess(ref, dims, risks);
    }

    private static ChatCommand.RiskSpec risk(String spec, String description) {
        String[] parts = spec.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a risk is <likelihood>/<impact>, e.g. risk=likely/minor; got '" + spec + "'");
        }
        Likelihood l = Likelihood.parse(parts[0]).orElseThrow(() -> new IllegalArgumentException("unknown likelihood '"
                + parts[0] + "'; valid: " + Arrays.stream(Likelihood.values()).map(Likelihood::key).collect(Collectors.joining(", "))));
        RiskImpact im = RiskImpact.parse(parts[1]).orElseThrow(() -> new IllegalArgumentException("unknown impact '"
                + parts[1] + "'; valid: " + names(RiskImpact.values())));
        return new ChatCommand.RiskSpec(l, im, description);
    }

    private static ImpactLevel level(String v, String key) {
        return ImpactLevel.parse(v).orElseThrow(() -> new IllegalArgumentException("unknown level '" + v + "' for "
                + key + "; valid: low, medium, high"));
    }

    private static ChatCommand parseList(List<Token> args) {
        if (args.isEmpty()) {
            return new ChatCommand.ListCrs(null, false);
        }
        String v = single(args, "!cr list [<state>|all]");
        if (v.equalsIgnoreCase("all")) {
            return new ChatCommand.ListCrs(null, true);
        }
        return new ChatCommand.ListCrs(state(v), true);
    }

    private static ChatCommand parseAdvance(List<Token> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("usage: !cr advance CR-YYYY-NNN <state> [reason]");
        }
        return new ChatCommand.Advance(args.get(0).text(), state(args.get(1).text()), rest(args, 2));
    }

    private static ChatCommand parseGate(List<Token> args) {
        if (args.size() < 3) {
            throw new IllegalArgumentException("usage: !cr gate CR-YYYY-NNN <1-8> <evidence>");
        }
        int n;
        try {
            n = Integer.parseInt(args.get(1).text());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 8) {
            throw new IllegalArgumentException("a gate is a number from 1 to 8, not '" + args.get(1).text() + "'");
        }
        List<String> links = args.subList(2, args.size()).stream().map(Token::text)
                .filter(s -> s.startsWith("https://") || s.startsWith("http://")).toList();
        return new ChatCommand.Gate(args.get(0).text(), n, rest(args, 2), links);
    }

    private static ChatCommand parseEmergency(List<Token> args) {
        int why = -1;
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).quoted() && args.get(i).text().equalsIgnoreCase("--why")) {
                why = i;
                break;
            }
        }
        String summary = why < 0 ? rest(args, 0) : join(args.subList(0, why));
        String justification = why < 0 ? "" : rest(args, why + 1);
        if (summary.isBlank()) {
            throw new IllegalArgumentException("an emergency needs a summary: !cr emergency <summary> [--why <justification>]");
        }
        return new ChatCommand.Emergency(summary, justification);
    }

    private static CrState state(String v) {
        return CrState.parse(v).orElseThrow(() -> new IllegalArgumentException("unknown state '" + v
                + "'; valid states: " + Arrays.stream(CrState.values()).map(CrState::key).collect(Collectors.joining(", "))));
    }

    private static String single(List<Token> args, String usage) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args.get(0).text();
    }

    private static String value(List<Token> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i).text();
    }

    private static String rest(List<Token> args, int from) {
        return from >= args.size() ? "" : join(args.subList(from, args.size()));
    }

    private static String join(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
