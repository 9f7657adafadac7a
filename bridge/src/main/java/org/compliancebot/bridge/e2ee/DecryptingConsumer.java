package org.compliancebot.bridge.e2ee;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bridge.crypto.machine.OutgoingRequest;
import org.compliancebot.bridge.crypto.machine.RoomDecryptionException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.sync.SyncBatch;
import org.compliancebot.bridge.sync.SyncConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the application's consumer: in the batch's transaction, applies the batch's crypto parts
 * (room state, to-device, device lists, key counts), queries changed devices, decrypts encrypted
 * timeline events, and hands the inner consumer a batch with plaintext events plus the events whose
 * key arrived in this batch. An event without its key is held back (persisted) until the key comes;
 * one that fails a check is passed on still encrypted, so it is recorded but never read as plaintext.
 */
final class DecryptingConsumer implements SyncConsumer {
    private static final Logger log = LoggerFactory.getLogger(DecryptingConsumer.class);
    private final MachineHolder holder;
    private final RequestSender sender;
    private final SyncConsumer inner;
    private final Runnable afterBatch;

    DecryptingConsumer(MachineHolder holder, RequestSender sender, SyncConsumer inner, Runnable afterBatch) {
        this.holder = holder;
        this.sender = sender;
        this.inner = inner;
        this.afterBatch = afterBatch;
    }

    @Override
    public void apply(SyncBatch batch, Connection tx) throws SQLException {
        holder.use(tx, m -> {
            batch.state().forEach(m::receiveRoomEvent);
            batch.timeline().forEach(m::receiveRoomEvent);
            m.receiveSyncChanges(batch.toDevice(), batch.deviceListsChanged(), batch.deviceListsLeft(),
                    batch.oneTimeKeyCounts(), batch.unusedFallbackKeyTypes());
            return null;
        });
        // Device keys are needed to tell which device sent each event; the query runs inside the batch.
        Optional<OutgoingRequest.KeysQuery> query = holder.use(tx, m -> m.keysQuery());
        if (query.isPresent()) {
            var answer = sender.send(query.get());
            holder.use(tx, m -> {
                m.markRequestAsSent(query.get(), answer);
                return null;
            });
        }
        List<RoomEvent> timeline = holder.use(tx, m -> {
            List<RoomEvent> out = new ArrayList<>();
            for (RoomEvent e : batch.timeline()) {
                if (!"m.room.encrypted".equals(e.type()) || e.isState()) {
                    out.add(e);
                    continue;
                }
                try {
                    out.add(m.decryptRoomEvent(e));
                } catch (RoomDecryptionException.UnknownSession held) {
                    log.info("Holding {} in {} until its room key arrives", e.eventId(), e.roomId());
                } catch (RoomDecryptionException refused) {
                    log.warn("Event {} in {} from {} stays encrypted: {}", e.eventId(), e.roomId(), e.sender(),
                            refused.getMessage());
                    out.add(e);
                }
            }
            out.addAll(m.takeLateDecrypted());
            return out;
        });
        inner.apply(new SyncBatch(batch.since(), batch.nextBatch(), timeline, batch.state(), batch.invites(),
                batch.left(), batch.toDevice(), batch.deviceListsChanged(), batch.deviceListsLeft(),
                batch.oneTimeKeyCounts(), batch.unusedFallbackKeyTypes()), tx);
        afterBatch.run();
    }
}
