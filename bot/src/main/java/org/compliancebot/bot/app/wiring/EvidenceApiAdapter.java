package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SearchHit;
import org.compliancebot.bot.evidence.matrix.EvidenceModule;
import org.compliancebot.bot.evidence.matrix.RoomHistoryExtractor;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.JdbcEvidenceStore;
import org.compliancebot.bot.evidence.store.RoomQueries;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.EvidenceApi;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * The evidence log behind REST and MCP: listing records, extracting a room's history, exporting a signed
 * packet (as a base64 zip), and searching monitored rooms. Every read is checked with the evidence module's
 * {@link RoomAccess} on the Matrix user id the caller's token acts for.
 */
final class EvidenceApiAdapter implements EvidenceApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private final EvidenceModule evidence;
    private final ApiIdentities identities;
    private final ObjectMapper mapper;

    EvidenceApiAdapter(EvidenceModule evidence, ApiIdentities identities, ObjectMapper mapper) {
        this.evidence = evidence;
        this.identities = identities;
        this.mapper = mapper;
    }

    @Override
    public JsonNode list(Map<String, String> filter, String actor, boolean auditorScope) {
        int limit = limit(filter.get("limit"));
        RoomAccess.Reader reader = reader(actor, auditorScope, "read evidence records");
        JdbcEvidenceStore store = evidence.ledger().store();
        Optional<ExportScope> scope = scope(filter, false);
        if (scope.orElse(null) instanceof ExportScope.Room r) {
            requireReadable(reader, r.roomId());
        }
        List<JdbcEvidenceStore.Row> rows = evidence.ledger().database().inTransaction(c -> {
            List<Long> seqs = new ArrayList<>();
            if (scope.isPresent()) {
                List<Long> inScope = switch (scope.get()) {
                    case ExportScope.Incident i -> store.seqsByLink(c, "incident", i.incidentId());
                    case ExportScope.ChangeRequest cr -> store.seqsByLink(c, "cr", cr.crId());
                    case ExportScope.Control ctl -> store.seqsByLink(c, "control", ctl.controlId());
                    case ExportScope.Room r -> store.seqsByRoom(c, r.roomId(), r.from().toEpochMilli(), r.to().toEpochMilli());
                };
                List<String> rooms = RoomQueries.roomsOf(c, inScope);
                Map<String, Boolean> readable = new HashMap<>();
                for (int k = 0; k < inScope.size(); k++) {
                    if (readable.computeIfAbsent(rooms.get(k), room -> evidence.access().canRead(reader, room))) {
                        seqs.add(inScope.get(k));
                    }
                }
            } else if (reader.auditor()) {
                long size = store.size(c);
                for (long s = Math.max(0, size - limit); s < size; s++) {
                    seqs.add(s);
                }
            } else {
                List<String> rooms = RoomQueries.rooms(c).stream().filter(room -> evidence.access().canRead(reader, room)).toList();
                seqs.addAll(RoomQueries.newestSeqsInRooms(c, rooms, limit));
            }
            // The newest records when there are more than the limit.
            return store.rows(c, seqs.subList(Math.max(0, seqs.size() - limit), seqs.size()));
        });
        ObjectNode out = mapper.createObjectNode();
        out.put("log_size", evidence.ledger().size());
        out.put("access", reader.describe());
        ArrayNode records = out.putArray("records");
        for (JdbcEvidenceStore.Row row : rows) {
            records.add(summary(row.parse(mapper)));
        }
        out.put("count", records.size());
        return out;
    }

    private ObjectNode summary(EvidenceRecord r) {
        ObjectNode o = r.toJson();
        // The federation event is in the packet; the listing stays readable.
        o.remove("raw_event");
        o.put("seq", r.seq());
        o.put("body", r.body());
        return o;
    }

    @Override
    public JsonNode extract(JsonNode request, String actor) {
        RoomId room;
        try {
            room = RoomId.of(Bodies.text(request, "room_id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("room_id must be a Matrix room id");
        }
        Instant from = Bodies.optionalText(request, "start_timestamp").map(v -> instant("start_timestamp", v)).orElse(null);
        Instant to = Bodies.optionalText(request, "end_timestamp").map(v -> instant("end_timestamp", v)).orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("start_timestamp must be before end_timestamp");
        }
        RoomHistoryExtractor.Result result;
        try {
            result = evidence.extractor().extract(room, from, to, EvidenceLinks.none(), ExportProgress.none());
        } catch (MatrixException e) {
            throw new ApiException(422, "invalid", "the room's history cannot be read by the bot: " + e.getMessage());
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("room_id", room.value());
        out.put("requested_by", identities.recordedAs(actor));
        out.put("events_read", result.eventsRead());
        out.put("records_added", result.appended().size());
        ArrayNode seqs = out.putArray("seqs");
        result.appended().forEach(r -> seqs.add(r.seq()));
        out.put("log_size", evidence.ledger().size());
        return out;
    }

    @Override
    public JsonNode export(Map<String, String> query, String actor, boolean auditorScope) {
        RoomAccess.Reader reader = reader(actor, auditorScope, "export evidence");
        ExportScope scope = scope(query, true).orElseThrow(() -> ApiException.invalid(
                "one of incident, cr, control or room is required"));
        boolean megolm = query.containsKey("megolm") ? bool("megolm", query.get("megolm")) : scope instanceof ExportScope.Incident;
        if (scope instanceof ExportScope.Room r) {
            requireReadable(reader, r.roomId());
        }
        PacketContent packet = evidence.exporter().build(scope, megolm, Map.of(), ExportProgress.none(),
                room -> requireReadable(reader, room));
        byte[] zip;
        try {
            zip = new PacketWriter(evidence.ledger().signer()).zip(packet);
        } catch (IOException e) {
            throw new ApiException(500, "internal", "the packet could not be written");
        }
        ObjectNode out = mapper.createObjectNode();
        out.set("scope", packet.scope());
        out.put("records", packet.records().size());
        out.put("tree_size", packet.head().size());
        out.put("megolm_sessions", packet.megolm().size());
        out.put("public_key", packet.head().publicKey());
        out.put("zip_base64", Base64.getEncoder().encodeToString(zip));
        return out;
    }

    @Override
    public JsonNode search(JsonNode request, String actor, boolean auditorScope) {
        String query = Bodies.text(request, "query");
        List<String> rooms = Bodies.strings(request, "rooms");
        Instant from = Bodies.optionalText(request, "start_date").map(v -> date("start_date", v)).orElse(null);
        Instant to = Bodies.optionalText(request, "end_date").map(v -> date("end_date", v).plusSeconds(86_400)).orElse(null);
        RoomAccess.Reader reader = reader(actor, auditorScope, "search rooms by membership");
        List<SearchHit> hits = evidence.search().search(reader, query, rooms, from, to, DEFAULT_LIMIT);
        ObjectNode out = mapper.createObjectNode();
        out.put("query", query);
        out.put("scope", reader.auditor() ? "all monitored rooms" : "rooms of " + reader.userId());
        ArrayNode results = out.putArray("results");
        for (SearchHit h : hits) {
            results.addObject().put("room_id", h.roomId()).put("event_id", h.eventId()).put("sender", h.sender())
                    .put("origin_server_ts", h.originServerTs()).put("body", h.body());
        }
        out.put("count", results.size());
        return out;
    }

    /**
     * Who the caller reads as: its token's user, and whether it is an auditor (the scope, or its user's role).
     * Refuses (403) a caller with neither, who would see nothing.
     */
    private RoomAccess.Reader reader(String actor, boolean auditorScope, String action) {
        Optional<UserId> user = identities.userOf(actor);
        boolean auditor = auditorScope || user.map(evidence::isAuditor).orElse(false);
        if (user.isEmpty() && !auditor) {
            identities.require(actor, action);
        }
        return new RoomAccess.Reader(user.map(UserId::value).orElse(null), auditor);
    }

    private void requireReadable(RoomAccess.Reader reader, String room) {
        if (!evidence.access().canRead(reader, room)) {
            throw new ApiException(403, "forbidden", "the evidence asked for includes room " + room + ", and "
                    + reader.userId() + " is not a member of it: only its members, or a token with the auditor scope, may read it");
        }
    }

    /** The scope named by the query; {@code room} takes optional {@code from} and {@code to} (ISO-8601). */
    private static Optional<ExportScope> scope(Map<String, String> q, boolean required) {
        if (q.get("incident") != null) {
            return Optional.of(new ExportScope.Incident(q.get("incident")));
        }
        if (q.get("cr") != null) {
            return Optional.of(new ExportScope.ChangeRequest(q.get("cr")));
        }
        if (q.get("control") != null) {
            return Optional.of(new ExportScope.Control(q.get("control")));
        }
        if (q.get("room") != null) {
            String room;
            try {
                room = RoomId.of(q.get("room")).value();
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("room must be a Matrix room id");
            }
            Instant from = q.get("from") == null ? Instant.EPOCH : instant("from", q.get("from"));
            Instant to = q.get("to") == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : instant("to", q.get("to"));
            return Optional.of(new ExportScope.Room(room, from, to));
        }
        return Optional.empty();
    }

    private static int limit(String v) {
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.invalid("limit must be between 1 and " + MAX_LIMIT);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit must be a number");
        }
    }

    private static boolean bool(String field, String v) {
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(field + " must be true or false");
        };
    }

    private static Instant instant(String field, String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field + " must be an ISO-8601 time such as 2025-10-01T00:00:00Z");
        }
    }

    private static Instant date(String field, String v) {
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field + " must be a date such as 2025-10-01");
        }
    }
}
