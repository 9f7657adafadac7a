package org.compliancebot.bot.evidence.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Tables;

/**
 * Re-seals the stored evidence signing key under another secret, in the caller's transaction. Only the
 * encryption at rest changes: the Ed25519 key, its public key and every signature made with it stay as they
 * are, so tree heads and packets signed before and after verify with the same published key. A key that
 * already opens under the new secret is left alone, so running it twice is harmless.
 */
public final class SigningKeyReseal {
    private SigningKeyReseal() {}

    /** What happened to the stored key. */
    public enum Outcome {
        /** Sealed anew under the next secret. */
        RESEALED,
        /** It already was sealed under the next secret. */
        ALREADY_NEW,
        /** The log has no signing key yet (the evidence feature never ran on this database). */
        NO_KEY,
        /** It is sealed with a secret none of the given current sources is named for; left unchanged. */
        OTHER_SOURCE
    }

    /**
     * @param current the sources the key may be sealed under now; the one named as the stored key's source opens it
     * @param next    the source to seal it under
     * @throws ConfigException when the matching current source does not open the key (nothing is written)
     */
    public static Outcome reseal(Connection c, List<SigningKeys.Source> current, SigningKeys.Source next) throws SQLException {
        if (!Tables.exists(c, "evidence_signing_key")) {
            return Outcome.NO_KEY;
        }
        String publicKey;
        String sealed;
        String source;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT public_key, sealed_seed, key_source FROM evidence_signing_key WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Outcome.NO_KEY;
            }
            publicKey = rs.getString(1);
            sealed = rs.getString(2);
            source = rs.getString(3);
        }
        byte[] pub = Base64.getDecoder().decode(publicKey);
        byte[] seal = Base64.getDecoder().decode(sealed);
        if (source.equals(next.name()) && opens(next, seal, pub).isPresent()) {
            return Outcome.ALREADY_NEW;
        }
        Optional<SigningKeys.Source> from = current.stream().filter(s -> s.name().equals(source)).findFirst();
        if (from.isEmpty()) {
            return Outcome.OTHER_SOURCE;
        }
        Ed25519KeyPair pair = opens(from.get(), seal, pub).orElseThrow(() -> new ConfigException(
                "the evidence signing key does not open with the current " + source + ": it is not the secret the key "
                        + "was sealed with; nothing was changed"));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE evidence_signing_key SET sealed_seed = ?, key_source = ? WHERE id = 1")) {
            ps.setString(1, Base64.getEncoder().encodeToString(next.vault().seal(pair, new SecureRandom())));
            ps.setString(2, next.name());
            ps.executeUpdate();
        }
        return Outcome.RESEALED;
    }

    private static Optional<Ed25519KeyPair> opens(SigningKeys.Source s, byte[] sealed, byte[] publicKey) {
        try {
            return Optional.of(s.vault().open(sealed, publicKey));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
