package org.compliancebot.bot.http.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;

/**
 * Checks tool arguments against the subset of JSON Schema the tool schemas use: {@code type} (object,
 * string, boolean, array, number, integer), {@code properties}, {@code required}, {@code enum},
 * {@code items} and the formats {@code date-time} and {@code date}. Returns the first problem, naming the field.
 */
final class SchemaCheck {
    private SchemaCheck() {}

    static Optional<String> problem(JsonNode schema, JsonNode value, String path) {
        String type = schema.path("type").asText("");
        String where = path.isEmpty() ? "arguments" : path;
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            default -> true;
        };
        if (!typeOk) {
            return Optional.of(where + " must be " + (type.equals("array") || type.equals("object") ? "an " : "a ") + type);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                return Optional.of(where + " must be one of " + schema.get("enum"));
            }
        }
        if (value.isTextual() && schema.has("format")) {
            try {
                switch (schema.get("format").asText()) {
                    case "date-time" -> OffsetDateTime.parse(value.asText());
                    case "date" -> LocalDate.parse(value.asText());
                    default -> { }
                }
            } catch (DateTimeParseException e) {
                return Optional.of(where + " must be a " + schema.get("format").asText() + " (RFC 3339), got '" + value.asText() + "'");
            }
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!value.hasNonNull(r.asText())) {
                    return Optional.of(prefix(path) + r.asText() + " is required");
                }
            }
            JsonNode props = schema.path("properties");
            Iterator<String> names = value.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (props.has(n)) {
                    Optional<String> p = problem(props.get(n), value.get(n), prefix(path) + n);
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                Optional<String> p = problem(schema.get("items"), value.get(i), where + "[" + i + "]");
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }
}
