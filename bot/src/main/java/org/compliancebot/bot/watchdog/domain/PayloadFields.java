package org.compliancebot.bot.watchdog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field access for webhook bodies that fails with a message naming the field. */
final class PayloadFields {
    private PayloadFields() {}

    static AlertPayloadException malformed(String path, String problem) {
        return new AlertPayloadException(AlertPayloadException.Kind.MALFORMED, path + ": " + problem);
    }

    static JsonNode object(JsonNode parent, String field, String path, boolean required) throws AlertPayloadException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw malformed(path, "is required");
            }
            return null;
        }
        if (!n.isObject()) {
            throw malformed(path, "must be an object");
        }
        return n;
    }

    static String text(JsonNode parent, String field, String path, boolean required, int maxLength)
            throws AlertPayloadException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw malformed(path, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw malformed(path, "must be a string");
        }
        String s = n.asText();
        if (required && s.isBlank()) {
            throw malformed(path, "must not be empty");
        }
        if (s.length() > maxLength) {
            throw malformed(path, "is longer than " + maxLength + " characters");
        }
        return s;
    }

    /** A map of string values; null when absent. */
    static Map<String, String> stringMap(JsonNode parent, String field, String path) throws AlertPayloadException {
        JsonNode n = object(parent, field, path, false);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw malformed(path + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static List<String> stringList(JsonNode parent, String field, String path) throws AlertPayloadException {
        JsonNode n = parent.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw malformed(path, "must be an array of strings");
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw malformed(path + "[" + i + "]", "must be a string");
            }
            out.add(n.get(i).asText());
        }
        return out;
    }

    static AlertStatus status(String value, String path) throws AlertPayloadException {
        if (value == null) {
            return AlertStatus.FIRING;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "firing", "alerting" -> AlertStatus.FIRING;
            case "resolved", "ok" -> AlertStatus.RESOLVED;
            default -> throw malformed(path, "must be 'firing' or 'resolved', got '" + value + "'");
        };
    }

    static Level level(SeverityMap map, String severity, String path) throws AlertPayloadException {
        return map.map(severity).orElseThrow(() -> new AlertPayloadException(AlertPayloadException.Kind.UNKNOWN_LEVEL,
                path + ": unknown severity '" + severity + "'; known: informational, advisory, warning, critical and "
                        + map.knownSeverities()));
    }

    static String fingerprintOf(String source, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(source);
        new java.util.TreeMap<>(labels).forEach((k, v) -> b.append('\u0000').append(k).append('=').append(v));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
