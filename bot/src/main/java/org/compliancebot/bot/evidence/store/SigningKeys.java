package org.compliancebot.bot.evidence.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.SigningKeyVault;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Database;

/**
 * The log's Ed25519 signing key: generated on first run, stored sealed by {@link SigningKeyVault}, opened on
 * later runs. The sealing secret is {@code COMPLIANCE_BOT_EVIDENCE_KEY}, or, when that is unset, a key
 * derived from {@code COMPLIANCE_BOT_STORE_KEY}. The source is stored so that a later run with the other
 * secret fails with a clear message instead of a generic decryption error.
 */
public final class SigningKeys {
    private SigningKeys() {}

    /** The vault for the secrets at hand, and the name of the secret it came from. */
    public record Source(SigningKeyVault vault, String name) {}

    public static Source source(Secrets secrets) {
        var evidence = secrets.get(Secrets.EVIDENCE_KEY);
        if (evidence.isPresent()) {
            return new Source(SigningKeyVault.fromSecret(evidence.get(), "evidence-key"), Secrets.EVIDENCE_KEY);
        }
        var store = secrets.get(Secrets.STORE_KEY);
        if (store.isPresent()) {
            return new Source(SigningKeyVault.fromSecret(store.get(), "store-key"), Secrets.STORE_KEY);
        }
        throw new ConfigException("secret " + Secrets.EVIDENCE_KEY + " is not set (it encrypts the evidence log's signing "
                + "key; " + Secrets.STORE_KEY + " is used when it is absent): set one of them, or the same name with _FILE");
    }

    /** Opens the stored key, or generates, seals and stores one when there is none. */
    public static Ed25519KeyPair loadOrCreate(Database db, Source source, SecureRandom random, Clock clock) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT public_key, sealed_seed, key_source FROM evidence_signing_key WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(3).equals(source.name())) {
                        throw new ConfigException("the evidence signing key was sealed with " + rs.getString(3)
                                + ", but only " + source.name() + " is set; set " + rs.getString(3) + " again");
                    }
                    try {
                        return source.vault().open(Base64.getDecoder().decode(rs.getString(2)),
                                Base64.getDecoder().decode(rs.getString(1)));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(e.getMessage(), e);
                    }
                }
            }
            Ed25519KeyPair pair = Ed25519KeyPair.generate(random);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO evidence_signing_key "
                    + "(id, public_key, sealed_seed, key_source, created_at) VALUES (1, ?, ?, ?, ?)")) {
                ins.setString(1, Base64.getEncoder().encodeToString(pair.publicKey().toBytes()));
                ins.setString(2, Base64.getEncoder().encodeToString(source.vault().seal(pair, random)));
                ins.setString(3, source.name());
                ins.setLong(4, clock.millis());
                ins.executeUpdate();
            }
            return pair;
        });
    }
}
