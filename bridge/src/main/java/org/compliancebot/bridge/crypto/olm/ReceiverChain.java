package org.compliancebot.bridge.crypto.olm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;

/**
 * A receiving chain: the other side's ratchet key, our position in its chain, and the message
 * keys we skipped over (at most {@link #MAX_SKIPPED_KEYS}, oldest dropped first) so that
 * out-of-order messages still decrypt. Mutable; holds key material.
 */
final class ReceiverChain {
    static final int MAX_SKIPPED_KEYS = 40;
    private final Curve25519PublicKey ratchetKey;
    private ChainKey chainKey;
    private final Deque<SkippedKey> skipped = new ArrayDeque<>();

    record SkippedKey(long index, byte[] messageKey) {
        @Override
        public String toString() {
            return "SkippedKey[index=" + index + "]";
        }
    }

    ReceiverChain(Curve25519PublicKey ratchetKey, ChainKey chainKey) {
        this.ratchetKey = ratchetKey;
        this.chainKey = chainKey;
    }

    Curve25519PublicKey ratchetKey() {
        return ratchetKey;
    }

    ChainKey chainKey() {
        return chainKey;
    }

    Deque<SkippedKey> skipped() {
        return skipped;
    }

    /** The kept key for an earlier index, removed so it decrypts once; null when not kept. */
    byte[] peekSkipped(long index) {
        for (SkippedKey k : skipped) {
            if (k.index() == index) {
                return k.messageKey();
            }
        }
        return null;
    }

    void removeSkipped(long index) {
        for (Iterator<SkippedKey> it = skipped.iterator(); it.hasNext(); ) {
            if (it.next().index() == index) {
                it.remove();
                return;
            }
        }
    }

    void addSkipped(SkippedKey key) {
        skipped.addLast(key);
        while (skipped.size() > MAX_SKIPPED_KEYS) {
            skipped.removeFirst();
        }
    }

    void setChainKey(ChainKey next) {
        this.chainKey = next;
    }

    @Override
    public String toString() {
        return "ReceiverChain[ratchetKey=" + ratchetKey.toBase64() + ", index=" + chainKey.index() + "]";
    }
}
