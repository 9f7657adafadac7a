package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.compliancebot.bot.http.service.ApiException;

/** Reading request fields, refusing with 422 and the field's name when one is missing or of the wrong kind. */
final class Bodies {
    private Bodies() {}

    static String text(JsonNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> ApiException.invalid(field + " is required"));
    }

    static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(field + " must be a string");
        }
        return n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText());
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw ApiException.invalid(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw ApiException.invalid(field + " must be an array of strings");
            }
            out.add(x.asText());
        }
        return out;
    }

    static boolean flag(JsonNode body, String field, boolean otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isBoolean()) {
            throw ApiException.invalid(field + " must be true or false");
        }
        return n.asBoolean();
    }

    /** Parses a named value (a level, a state) with {@code parse}; {@code choices} lists the valid ones for the message. */
    static <T> T choice(String field, String value, Function<String, Optional<T>> parse, String choices) {
        return parse.apply(value).orElseThrow(() -> ApiException.invalid(field + ": unknown value '" + value
                + "'; valid: " + choices));
    }
}
