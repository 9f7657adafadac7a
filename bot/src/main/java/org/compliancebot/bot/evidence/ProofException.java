package org.compliancebot.bot.evidence;

/** A Merkle proof does not prove what it claims; the message says which step failed. */
public final class ProofException extends Exception {
    public ProofException(String message) {
        super(message);
    }
}
