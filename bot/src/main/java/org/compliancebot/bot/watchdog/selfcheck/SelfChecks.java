package org.compliancebot.bot.watchdog.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.compliancebot.bot.watchdog.WatchdogService;
import org.compliancebot.bot.watchdog.domain.AlertStatus;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bot.watchdog.store.RoomCheckStore;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot watching itself. Each check yields the problems it sees now; each problem becomes an alert of
 * source {@value #SOURCE} (deduplicated like any other), and a problem that is gone resolves its alert.
 * Checks: room encryption and retention (Critical), approvals pending too long (Warning), message
 * volume (Warning), and health probes such as the sync loop (Critical).
 */
public final class SelfChecks {
    public static final String SOURCE = "watchdog";
    private static final Logger log = LoggerFactory.getLogger(SelfChecks.class);

    /** One problem: its fingerprint (family prefix + key), level, title and details. */
    record Finding(String fingerprint, Level level, String title, String description, Map<String, String> labels) {}

    private final Database db;
    private final AlertStore alerts;
    private final RoomCheckStore rooms = new RoomCheckStore();
    private final WatchdogService service;
    private final MatrixClient client;
    private final Clock clock;
    private final Duration approvalLimit;
    private final long volumePerHour;
    private volatile Supplier<Collection<RoomId>> managedRooms;
    private volatile PendingApprovals approvals;
    private final List<HealthProbe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SelfChecks(Database db, AlertStore alerts, WatchdogService service, MatrixClient client, Clock clock,
                      Duration approvalLimit, long volumePerHour) {
        this.db = db;
        this.alerts = alerts;
        this.service = service;
        this.client = client;
        this.clock = clock;
        this.approvalLimit = approvalLimit;
        this.volumePerHour = volumePerHour;
        this.managedRooms = client::joinedRooms;
    }

    /** Which rooms the room check covers; by default every room the bot has joined. */
    public void setManagedRooms(Supplier<Collection<RoomId>> rooms) {
        this.managedRooms = rooms;
    }

    public void setPendingApprovals(PendingApprovals approvals) {
        this.approvals = approvals;
    }

    public void addProbe(HealthProbe probe) {
        probes.add(probe);
    }

    /** Checks encryption and retention state of every managed room. */
    public void checkRooms() {
        Collection<RoomId> managed;
        try {
            managed = managedRooms.get();
        } catch (MatrixException e) {
            log.atError().addKeyValue("error", e.getMessage()).log("SELF-CHECK FAILED: cannot list the managed rooms");
            return;
        }
        List<Finding> findings = new ArrayList<>();
        Instant now = clock.instant();
        for (RoomId room : managed) {
            try {
                boolean encrypted = RoomSecurity.encrypted(state(room, "m.room.encryption"));
                boolean retention = RoomSecurity.hasRetention(state(room, "m.room.retention"));
                db.inTransactionVoid(c -> rooms.record(c, room.value(), encrypted, retention, now));
                if (!encrypted) {
                    findings.add(new Finding("room-encryption:" + room, Level.CRITICAL, "Room " + room + " is not encrypted",
                            "The room has no valid m.room.encryption state (expected algorithm m.megolm.v1.aes-sha2).",
                            Map.of("room_id", room.value(), "check", "encryption")));
                }
                if (!retention) {
                    findings.add(new Finding("room-retention:" + room, Level.CRITICAL, "Room " + room + " has no retention policy",
                            "The room has no m.room.retention state with a positive lifetime.",
                            Map.of("room_id", room.value(), "check", "retention")));
                }
            } catch (MatrixException e) {
                log.atError().addKeyValue("room", room.value()).addKeyValue("error", e.getMessage())
                        .log("SELF-CHECK: cannot read the state of a managed room");
            }
        }
        db.inTransactionVoid(c -> rooms.retainOnly(c, managed.stream().map(RoomId::value).toList()));
        apply("room-encryption:", findings);
        apply("room-retention:", findings);
    }

    private JsonNode state(RoomId room, String type) {
        return client.getState(room, type, "").orElse(null);
    }

    /** Raises a Warning for each approval pending longer than the limit. */
    public void checkApprovals() {
        PendingApprovals source = approvals;
        if (source == null) {
            return;
        }
        Instant now = clock.instant();
        List<Finding> findings = new ArrayList<>();
        for (PendingApprovals.Pending p : source.pending()) {
            Duration waiting = Duration.between(p.requestedAt(), now);
            if (waiting.compareTo(approvalLimit) > 0) {
                findings.add(new Finding("approval-pending:" + p.id(), Level.WARNING,
                        "Approval " + p.id() + " pending for " + waiting.toMinutes() + " minutes",
                        p.title() + " has waited for a decision since " + p.requestedAt() + ".",
                        Map.of("approval", p.id(), "check", "approval-pending")));
            }
        }
        apply("approval-pending:", findings);
    }

    /** Raises a Warning for each room with more messages in the last hour than the threshold. */
    public void checkMessageVolume() {
        Map<String, Long> counts = db.inTransaction(c -> rooms.messagesPerRoom(c, clock.instant(), Duration.ofHours(1)));
        List<Finding> findings = new ArrayList<>();
        counts.forEach((room, n) -> {
            if (n > volumePerHour) {
                findings.add(new Finding("message-volume:" + room, Level.WARNING, "Unusual message volume in " + room,
                        n + " messages in the last hour (threshold " + volumePerHour + "): a possible flood or an incident.",
                        Map.of("room_id", room, "check", "message-volume")));
            }
        });
        apply("message-volume:", findings);
    }

    /** Raises a Critical for each probe that reports a problem. */
    public void checkProbes() {
        List<Finding> findings = new ArrayList<>();
        for (HealthProbe p : probes) {
            Optional<String> problem = p.problem();
            if (problem.isPresent()) {
                log.atError().addKeyValue("probe", p.name()).addKeyValue("problem", problem.get()).log("SELF-CHECK FAILED");
                findings.add(new Finding("probe:" + p.name(), Level.CRITICAL, "The " + p.name() + " is failing", problem.get(),
                        Map.of("probe", p.name(), "check", "health")));
            }
        }
        apply("probe:", findings);
    }

    /** Fires the findings of one family and resolves its open alerts that are no longer found. */
    private void apply(String family, List<Finding> all) {
        Map<String, Finding> current = new LinkedHashMap<>();
        all.stream().filter(f -> f.fingerprint().startsWith(family)).forEach(f -> current.put(f.fingerprint(), f));
        List<IncomingAlert> batch = new ArrayList<>();
        current.values().forEach(f -> batch.add(new IncomingAlert(SOURCE, f.fingerprint(), f.title(), f.level(), AlertStatus.FIRING,
                f.description(), f.labels(), List.of())));
        for (String open : db.inTransaction(c -> alerts.openFingerprints(c, SOURCE, family))) {
            if (!current.containsKey(open)) {
                batch.add(new IncomingAlert(SOURCE, open, open, Level.INFORMATIONAL, AlertStatus.RESOLVED, "", Map.of(), List.of()));
            }
        }
        if (!batch.isEmpty()) {
            service.ingest(batch);
        }
    }
}
