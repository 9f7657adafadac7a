package org.compliancebot.bot.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bot.config.HttpConfig;
import org.compliancebot.bot.config.Secrets;

/**
 * The API tokens, held only as SHA-256 digests. A presented token is hashed and looked up; the token
 * itself is never stored or logged.
 */
public final class ApiTokens {
    private final Map<String, Principal> byDigest = new HashMap<>();

    public ApiTokens(HttpConfig config, Secrets secrets) {
        for (HttpConfig.ApiToken t : config.tokens()) {
            String digest = t.sha256() != null ? t.sha256()
                    : sha256Hex(secrets.require(t.tokenEnv(), "the API token '" + t.name() + "' in http.tokens"));
            byDigest.put(digest, new Principal(t.name(), Set.copyOf(t.scopes())));
        }
    }

    /** The caller for an {@code Authorization} header value, or empty when it is missing or unknown. */
    public Optional<Principal> authenticate(String authorization) {
        return bearer(authorization).map(ApiTokens::sha256Hex).map(byDigest::get);
    }

    /** The token of a {@code Bearer} header value. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String t = authorization.substring(7).strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + byDigest.size() + " tokens]";
    }
}
