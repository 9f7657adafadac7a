package org.compliancebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;

/**
 * {@code evidence:} the evidence log.
 *
 * @param monitoredRooms         compliance rooms (ids or aliases) whose messages that mention a control id or an
 *                               artefact become evidence, and which the discussion search covers
 * @param auditRoom              where signed tree heads are posted (id or alias); defaults to {@code rooms.audit}
 * @param witnessIntervalMinutes how often the current tree head is signed and posted; 0 turns it off (default 60)
 * @param checkIntervalMinutes   how often the log is recomputed against its signed heads (default 60)
 * @param tsaUrl                 an RFC 3161 time-stamping authority for tree heads; none when absent
 * @param megolmExports          whether incident and oversight packets carry Megolm session exports (default true)
 */
public record EvidenceSettings(
        @JsonProperty("monitored_rooms") List<String> monitoredRooms,
        @JsonProperty("audit_room") String auditRoom,
        @JsonProperty("witness_interval_minutes") Integer witnessIntervalMinutes,
        @JsonProperty("check_interval_minutes") Integer checkIntervalMinutes,
        @JsonProperty("tsa_url") String tsaUrl,
        @JsonProperty("megolm_exports") Boolean megolmExports) {

    public static EvidenceSettings defaults() {
        return validate(null);
    }

    /** Fills defaults and checks every key; throws {@link ConfigException} naming the bad one. */
    public static EvidenceSettings validate(EvidenceSettings e) {
        if (e == null) {
            e = new EvidenceSettings(null, null, null, null, null, null);
        }
        List<String> rooms = new ArrayList<>();
        List<String> in = e.monitoredRooms() == null ? List.of() : e.monitoredRooms();
        for (int i = 0; i < in.size(); i++) {
            rooms.add(room(in.get(i), "evidence.monitored_rooms[" + i + "]"));
        }
        String audit = e.auditRoom() == null ? null : room(e.auditRoom(), "evidence.audit_room");
        int witness = e.witnessIntervalMinutes() == null ? 60 : e.witnessIntervalMinutes();
        if (witness < 0 || witness > 10_080) {
            throw new ConfigException("configuration key 'evidence.witness_interval_minutes' must be between 0 and 10080, got " + witness);
        }
        int check = e.checkIntervalMinutes() == null ? 60 : e.checkIntervalMinutes();
        if (check < 1 || check > 10_080) {
            throw new ConfigException("configuration key 'evidence.check_interval_minutes' must be between 1 and 10080, got " + check);
        }
        if (e.tsaUrl() != null) {
            try {
                URI u = URI.create(e.tsaUrl().strip());
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException ex) {
                throw new ConfigException("configuration key 'evidence.tsa_url' must be an http(s) URL, got: " + e.tsaUrl());
            }
        }
        return new EvidenceSettings(List.copyOf(rooms), audit, witness, check, e.tsaUrl() == null ? null : e.tsaUrl().strip(),
                e.megolmExports() == null || e.megolmExports());
    }

    private static String room(String value, String key) {
        String v = value == null ? "" : value.strip();
        try {
            return v.startsWith("#") ? RoomAlias.of(v).value() : RoomId.of(v).value();
        } catch (IllegalArgumentException ex) {
            throw new ConfigException("configuration key '" + key + "' must be a room id (!id:server) or alias (#name:server), got: " + value);
        }
    }
}
