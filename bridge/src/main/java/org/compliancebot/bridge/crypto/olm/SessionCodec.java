package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.crypto.state.StateReader;
import org.compliancebot.bridge.crypto.state.StateWriter;

/** Persisted form of an Olm {@link Session}, format "OLMS" version 1. */
final class SessionCodec {
    private static final String MAGIC = "OLMS";

    private SessionCodec() {}

    static byte[] encode(Session s) {
        StateWriter w = new StateWriter(MAGIC, 1)
                .fixed(s.keys.identityKey().toBytes()).fixed(s.keys.baseKey().toBytes()).fixed(s.keys.oneTimeKey().toBytes())
                .bool(s.outbound).bool(s.receivedMessage).fixed(s.rootKey);
        w.bool(s.ourRatchetKey != null);
        if (s.ourRatchetKey != null) {
            w.fixed(s.ourRatchetKey.secretBytes());
        }
        w.bool(s.sendingChain != null);
        if (s.sendingChain != null) {
            w.fixed(s.sendingChain.key()).u32(s.sendingChain.index());
        }
        w.u32(s.receivers.size());
        for (ReceiverChain c : s.receivers) {
            w.fixed(c.ratchetKey().toBytes()).fixed(c.chainKey().key()).u32(c.chainKey().index());
            w.u32(c.skipped().size());
            for (ReceiverChain.SkippedKey k : c.skipped()) {
                w.u32(k.index()).fixed(k.messageKey());
            }
        }
        return w.toBytes();
    }

    static Session decode(byte[] state) throws StateDecodeException {
        StateReader r = new StateReader(state, MAGIC, 1);
        SessionKeys keys = new SessionKeys(key(r), key(r), key(r));
        boolean outbound = r.bool();
        boolean received = r.bool();
        Session s = new Session(keys, outbound, r.fixed(32));
        s.receivedMessage = received;
        if (r.bool()) {
            s.ourRatchetKey = Curve25519KeyPair.fromSecret(r.fixed(32));
        }
        if (r.bool()) {
            s.sendingChain = new ChainKey(r.fixed(32), r.u32());
            if (s.ourRatchetKey == null) {
                throw new StateDecodeException("persisted Olm session has a sending chain without a ratchet key");
            }
        }
        int chains = r.count(Session.MAX_RECEIVER_CHAINS);
        for (int i = 0; i < chains; i++) {
            ReceiverChain c = new ReceiverChain(key(r), new ChainKey(r.fixed(32), r.u32()));
            int skipped = r.count(ReceiverChain.MAX_SKIPPED_KEYS);
            for (int j = 0; j < skipped; j++) {
                c.addSkipped(new ReceiverChain.SkippedKey(r.u32(), r.fixed(32)));
            }
            s.receivers.addLast(c);
        }
        if (s.sendingChain == null && s.receivers.isEmpty()) {
            throw new StateDecodeException("persisted Olm session has neither a sending nor a receiving chain");
        }
        r.end();
        return s;
    }

    private static Curve25519PublicKey key(StateReader r) throws StateDecodeException {
        try {
            return Curve25519PublicKey.fromBytes(r.fixed(32));
        } catch (KeyDecodeException e) {
            throw new StateDecodeException("persisted Olm session has a corrupt key");
        }
    }
}
