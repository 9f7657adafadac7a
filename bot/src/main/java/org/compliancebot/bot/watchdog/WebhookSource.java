package org.compliancebot.bot.watchdog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.compliancebot.bot.watchdog.domain.AlertParser;

/**
 * One configured alert sender: its parser and how it authenticates. Holds only the SHA-256 of a bearer
 * token; an HMAC key is held as given, since verifying needs it. {@link #toString()} shows neither.
 */
public final class WebhookSource {
    private final String name;
    private final String type;
    private final AlertParser parser;
    private final byte[] tokenSha256;
    private final byte[] hmacKey;
    private final String hmacHeader;

    WebhookSource(String name, String type, AlertParser parser, byte[] tokenSha256, byte[] hmacKey, String hmacHeader) {
        this.name = name;
        this.type = type;
        this.parser = parser;
        this.tokenSha256 = tokenSha256;
        this.hmacKey = hmacKey;
        this.hmacHeader = hmacHeader;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public AlertParser parser() {
        return parser;
    }

    /** True when the source signs bodies (HMAC) instead of sending a bearer token. */
    public boolean usesHmac() {
        return hmacKey != null;
    }

    /** The header that carries the signature, for HMAC sources. */
    public String hmacHeader() {
        return hmacHeader;
    }

    /** Checks a bearer token in constant time. */
    public boolean tokenMatches(String token) {
        if (tokenSha256 == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenSha256, sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a hex HMAC-SHA256 signature of the body (an optional {@code sha256=} prefix is allowed) in constant time. */
    public boolean signatureMatches(byte[] body, String signature) {
        if (hmacKey == null || signature == null) {
            return false;
        }
        String hex = signature.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256=")) {
            hex = hex.substring(7);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(hmacKey, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSource[" + name + " " + type + (usesHmac() ? " hmac" : " bearer") + "]";
    }
}
