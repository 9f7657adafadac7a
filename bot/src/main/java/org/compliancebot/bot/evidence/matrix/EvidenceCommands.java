package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.compliancebot.bot.app.ChatCommand;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.Validations;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.JdbcEvidenceStore;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.event.RoomEvent;

/**
 * {@code !evidence validate <event id>}, {@code !evidence dismiss <event id> <reason>} (compliance manager
 * only, checked on the sender's user id) and {@code !evidence head}. A verdict is appended as a record of its
 * own, in the same transaction as the command.
 */
public final class EvidenceCommands implements ChatCommand {
    /** What {@code !help} lists for {@code !evidence}, and the answer to a verb it does not know. */
    public static final String USAGE = """
            !evidence head: the size and signed root of the evidence log
            !evidence validate <event id>: confirm an evidence record (compliance manager)
            !evidence dismiss <event id> <reason>: reject an evidence record (compliance manager)""";
    private final EvidenceLedger ledger;
    private final RoleDirectory roles;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public EvidenceCommands(EvidenceLedger ledger, RoleDirectory roles, Clock clock) {
        this.ledger = ledger;
        this.roles = roles;
        this.clock = clock;
    }

    @Override
    public Reply handle(RoomEvent message, String arguments, Connection tx) throws SQLException {
        String[] parts = arguments.strip().split("\\s+", 3);
        String verb = parts[0].toLowerCase(java.util.Locale.ROOT);
        if (verb.equals("head")) {
            return ledger.latestHead().map(h -> Reply.text("Evidence log: " + h.head().size() + " records, root "
                    + h.head().rootBase64() + ", key " + h.head().publicKey())).orElse(Reply.text("The evidence log has no signed head yet."));
        }
        if (!verb.equals("validate") && !verb.equals("dismiss")) {
            return Reply.text(USAGE);
        }
        if (!roles.holds(message.sender(), Role.COMPLIANCE_MANAGER)) {
            return Reply.text("Only the compliance manager can validate or dismiss evidence.");
        }
        if (parts.length < 2) {
            return Reply.text("Which record? Give the event id of the evidence message.");
        }
        String target = parts[1];
        boolean valid = verb.equals("validate");
        String reason = parts.length > 2 ? parts[2] : null;
        if (!valid && (reason == null || reason.isBlank())) {
            return Reply.text("Say why: !evidence dismiss <event id> <reason>");
        }
        JdbcEvidenceStore store = ledger.store();
        List<JdbcEvidenceStore.Row> rows = store.rows(tx, store.seqsByEvent(tx, target));
        EvidenceRecord judged = rows.stream().map(r -> r.parse(mapper)).filter(r -> r.kind() != EvidenceKind.VALIDATION)
                .findFirst().orElse(null);
        if (judged == null) {
            return Reply.text("No evidence record for " + target + ".");
        }
        EvidenceRecord verdict = Validations.record(message.roomId().value(), message.eventId().value(), message.sender().value(),
                message.originServerTs(), clock.millis(), target, valid, reason, judged.links());
        List<EvidenceRecord> added = ledger.appendIn(tx, List.of(verdict));
        return Reply.text(added.isEmpty() ? "Already recorded." : (valid ? "Validated " : "Dismissed ") + target
                + " (record " + added.get(0).seq() + ").");
    }
}
