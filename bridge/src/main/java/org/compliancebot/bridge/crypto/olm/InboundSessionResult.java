package org.compliancebot.bridge.crypto.olm;

/** A session created from a pre-key message, and that message's plaintext. */
public record InboundSessionResult(Session session, byte[] plaintext) {
    @Override
    public String toString() {
        return "InboundSessionResult[" + session + ", " + plaintext.length + " bytes]";
    }
}
