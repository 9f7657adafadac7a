package org.compliancebot.bot.incident;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bridge.id.UserId;

/**
 * Parses the incident commands. Parsing never changes anything; a bad command gives a message that
 * says what was wrong and how to write it.
 */
public final class IncidentCommandParser {
    static final String OPEN_USAGE = "!incident open <severity> <title>, details on the next lines "
            + "(optional lines 'controls: A, B' and 'links: URL, URL')";

    /** Each command's usage, in the order help lists them; all but the first work in incident rooms only. */
    private static final Map<String, String> USAGE = usages();

    /** The command names, without {@code !}, that belong to incidents, in the order help lists them. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(USAGE.keySet());

    /** The outcome of parsing. */
    public sealed interface Result {
        record Ok(IncidentCommand command) implements Result {}

        record Invalid(String message) implements Result {}
    }

    private IncidentCommandParser() {}

    /** Parses {@code !name arguments}; {@code name} without the {@code !}, any case. */
    public static Result parse(String name, String arguments) {
        String args = arguments == null ? "" : arguments.strip();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "incident" -> incident(args);
            case "severity" -> severity(args);
            case "assign" -> assign(args);
            case "timeline" -> args.isEmpty() ? invalid("Nothing to add. Usage: !timeline <text>")
                    : ok(new IncidentCommand.Note(args));
            case "checklist" -> ok(new IncidentCommand.ShowChecklist());
            case "check" -> check(args);
            case "status" -> ok(new IncidentCommand.Status());
            case "resolve" -> args.isEmpty() ? invalid("The resolution needs a summary. Usage: !resolve <summary>")
                    : ok(new IncidentCommand.Resolve(args));
            case "close" -> ok(new IncidentCommand.Close());
            default -> invalid("Unknown incident command !" + name);
        };
    }

    private static Map<String, String> usages() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("incident", OPEN_USAGE + " (in the security rooms)");
        u.put("severity", "!severity <low|medium|high|critical>: change the severity and invite whoever it adds");
        u.put("assign", "!assign @user:server <task>: record a remediation task");
        u.put("timeline", "!timeline <text>: add an entry to the timeline (or react with \uD83D\uDCCC to any message)");
        u.put("checklist", "!checklist: show the response checklist");
        u.put("check", "!check <n>: tick item n of the checklist");
        u.put("status", "!status: severity, people, tasks, checklist and time open");
        u.put("resolve", "!resolve <summary>: document the resolution");
        u.put("close", "!close: archive the room and keep the transcript; security lead only");
        return u;
    }

    /**
     * What the bot's {@code !help} lists for {@code !name}: syntax, effect and where it works.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
     */
    public static String usage(String name) {
        String usage = USAGE.get(name);
        if (usage == null) {
            throw new IllegalArgumentException("not an incident command: " + name);
        }
        return name.equals("incident") ? usage : usage + " (in an incident room)";
    }

    /** The commands, one per line, for help replies. */
    public static String help() {
        StringBuilder help = new StringBuilder("Incident commands:\n  ").append(USAGE.get("incident"))
                .append("\nIn an incident room:");
        USAGE.forEach((name, usage) -> {
            if (!name.equals("incident")) {
                help.append("\n  ").append(usage);
            }
        });
        return help.toString();
    }

    private static Result incident(String args) {
        if (args.isEmpty() || args.equalsIgnoreCase("help")) {
            return ok(new IncidentCommand.Help());
        }
        String[] firstAndRest = args.split("\\s+", 2);
        if (!firstAndRest[0].equalsIgnoreCase("open")) {
            return invalid("Unknown subcommand '" + firstAndRest[0] + "'. Usage: " + OPEN_USAGE);
        }
        String rest = firstAndRest.length > 1 ? firstAndRest[1].strip() : "";
        if (rest.isEmpty()) {
            return invalid("Missing severity and title. Usage: " + OPEN_USAGE);
        }
        String[] lines = rest.split("\\R");
        String[] head = lines[0].strip().split("\\s+", 2);
        Severity severity = Severity.parse(head[0]).orElse(null);
        if (severity == null) {
            return invalid("Unknown severity '" + head[0] + "'. Use one of: " + Severity.choices() + ".");
        }
        String title = head.length > 1 ? head[1].strip() : "";
        if (title.isEmpty()) {
            return invalid("Missing title. Usage: " + OPEN_USAGE);
        }
        if (title.length() > NewIncident.MAX_TITLE) {
            return invalid("The title is longer than " + NewIncident.MAX_TITLE + " characters; put the rest on the next lines.");
        }
        List<String> controls = new ArrayList<>();
        List<String> links = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("controls:") || lower.startsWith("axioms:")) {
                controls.addAll(list(line.substring(line.indexOf(':') + 1), ","));
            } else if (lower.startsWith("links:") || lower.startsWith("link:")) {
                links.addAll(list(line.substring(line.indexOf(':') + 1), "[,\\s]+"));
            } else {
                description.append(lines[i]).append('\n');
            }
        }
        return ok(new IncidentCommand.Open(severity, title, description.toString().strip(), controls, links));
    }

    private static Result severity(String args) {
        if (args.isEmpty()) {
            return invalid("Which severity? Usage: !severity <level>, one of: " + Severity.choices() + ".");
        }
        String word = args.split("\\s+")[0];
        return Severity.parse(word)
                .<Result>map(s -> ok(new IncidentCommand.ChangeSeverity(s)))
                .orElseGet(() -> invalid("Unknown severity '" + word + "'. Use one of: " + Severity.choices() + "."));
    }

    private static Result assign(String args) {
        if (args.isEmpty()) {
            return invalid("Usage: !assign @user:server <task>");
        }
        String[] parts = args.split("\\s+", 2);
        String who = parts[0].endsWith(":") && parts[0].indexOf(':') < parts[0].length() - 1
                ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
        UserId user;
        try {
            user = UserId.of(who);
        } catch (IllegalArgumentException e) {
            return invalid("'" + parts[0] + "' is not a Matrix user id; write it in full, like @name:server. "
                    + "Usage: !assign @user:server <task>");
        }
        String task = parts.length > 1 ? parts[1].strip() : "";
        if (task.isEmpty()) {
            return invalid("Missing the task for " + user + ". Usage: !assign @user:server <task>");
        }
        return ok(new IncidentCommand.Assign(user, task));
    }

    private static Result check(String args) {
        String range = "the checklist has items 1 to " + Checklist.ITEMS.size() + " (see !checklist)";
        if (args.isEmpty()) {
            return invalid("Which item? Usage: !check <n>; " + range + ".");
        }
        String word = args.split("\\s+")[0];
        int n;
        try {
            n = Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return invalid("'" + word + "' is not an item number; " + range + ".");
        }
        if (!Checklist.isItem(n)) {
            return invalid("There is no item " + n + "; " + range + ".");
        }
        return ok(new IncidentCommand.Check(n));
    }

    private static List<String> list(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Result ok(IncidentCommand c) {
        return new Result.Ok(c);
    }

    private static Result invalid(String message) {
        return new Result.Invalid(message);
    }
}
