package org.compliancebot.bot.evidence;

/**
 * An RFC 3161 time-stamping authority. The bot asks it to stamp the SHA-256 of each signed tree head's
 * text; the token proves the head existed at the TSA's time.
 */
@FunctionalInterface
public interface TimestampAuthority {
    /**
     * @param request a DER-encoded TimeStampReq
     * @return the DER-encoded TimeStampResp
     * @throws java.io.IOException when the TSA cannot be reached or answers with an error
     */
    byte[] exchange(byte[] request) throws java.io.IOException;
}
