package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.crypto.state.StateReader;
import org.compliancebot.bridge.crypto.state.StateWriter;

/** Persisted form of an {@link Account}, format "OLMA" version 1. */
final class AccountCodec {
    private static final String MAGIC = "OLMA";

    private AccountCodec() {}

    static byte[] encode(Account a) {
        StateWriter w = new StateWriter(MAGIC, 1)
                .fixed(a.identityKey.secretBytes()).fixed(a.signingKey.seedBytes()).u64(a.nextKeyId);
        w.u32(a.oneTimeKeys.size());
        a.oneTimeKeys.values().forEach(k -> key(w, k));
        w.bool(a.fallbackKey != null);
        if (a.fallbackKey != null) {
            key(w, a.fallbackKey);
        }
        w.bool(a.previousFallbackKey != null);
        if (a.previousFallbackKey != null) {
            key(w, a.previousFallbackKey);
        }
        return w.toBytes();
    }

    private static void key(StateWriter w, OneTimeKey k) {
        w.u64(k.id).fixed(k.pair.secretBytes()).bool(k.published);
    }

    static Account decode(byte[] state) throws StateDecodeException {
        StateReader r = new StateReader(state, MAGIC, 1);
        Account a = new Account(Curve25519KeyPair.fromSecret(r.fixed(32)), Ed25519KeyPair.fromSeed(r.fixed(32)));
        a.nextKeyId = r.u64();
        int n = r.count(Account.MAX_STORED_ONE_TIME_KEYS);
        for (int i = 0; i < n; i++) {
            OneTimeKey k = key(r);
            a.oneTimeKeys.put(k.id, k);
        }
        if (r.bool()) {
            a.fallbackKey = key(r);
        }
        if (r.bool()) {
            a.previousFallbackKey = key(r);
        }
        r.end();
        return a;
    }

    private static OneTimeKey key(StateReader r) throws StateDecodeException {
        return new OneTimeKey(r.u64(), Curve25519KeyPair.fromSecret(r.fixed(32)), r.bool());
    }
}
