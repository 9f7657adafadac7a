package org.compliancebot.bridge.e2ee;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.compliancebot.bridge.crypto.machine.StateChanges;
import org.compliancebot.bridge.crypto.machine.StateKind;

/**
 * The machine's state in the {@code crypto_item} table. Values of secret kinds are sealed with
 * AES-256-GCM under the store key: {@code "g1:" + base64(nonce ‖ ciphertext ‖ tag)}, with the kind and
 * key as associated data, so a value cannot be moved to another item. A check item sealed at first
 * use tells a wrong key apart from a corrupt value. All calls join the caller's transaction.
 */
public final class CryptoStore {
    private static final String PREFIX = "g1:";
    private static final String CHECK_KIND = "META";
    private static final String CHECK_KEY = "store-key-check";
    private static final byte[] CHECK_PLAIN = "compliance-bot crypto store".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    /** The store key does not open this store (the GCM tag does not verify). */
    public static final class WrongStoreKeyException extends RuntimeException {
        WrongStoreKeyException(String message) {
            super(message);
        }
    }

    public CryptoStore(StoreKey storeKey) {
        this.key = new SecretKeySpec(storeKey.bytes(), "AES");
    }

    /** True when the store holds no machine state yet. */
    public boolean isEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM crypto_item WHERE kind = ?")) {
            ps.setString(1, StateKind.ACCOUNT.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        }
    }

    /** Checks the store key against the check item, writing it on first use. */
    public void checkKey(Connection c) throws SQLException {
        String sealed = read(c, CHECK_KIND, CHECK_KEY);
        if (sealed == null) {
            write(c, CHECK_KIND, CHECK_KEY, seal(CHECK_KIND, CHECK_KEY, CHECK_PLAIN));
            return;
        }
        open(CHECK_KIND, CHECK_KEY, sealed);
    }

    /** Loads every item, opening the secret ones. */
    public Map<StateKind, Map<String, byte[]>> load(Connection c) throws SQLException {
        Map<StateKind, Map<String, byte[]>> out = new EnumMap<>(StateKind.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, item_key, value FROM crypto_item");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(1);
                if (kind.equals(CHECK_KIND)) {
                    continue;
                }
                StateKind k = StateKind.valueOf(kind);
                byte[] value = k.secret() ? open(kind, rs.getString(2), rs.getString(3))
                        : rs.getString(3).getBytes(StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new HashMap<>()).put(rs.getString(2), value);
            }
        }
        return out;
    }

    /** Writes the changes in the caller's transaction. */
    public void save(Connection c, StateChanges changes) throws SQLException {
        for (Map.Entry<StateChanges.Key, byte[]> e : changes.items().entrySet()) {
            String kind = e.getKey().kind().name();
            String k = e.getKey().key();
            if (e.getValue() == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM crypto_item WHERE kind = ? AND item_key = ?")) {
                    ps.setString(1, kind);
                    ps.setString(2, k);
                    ps.executeUpdate();
                }
            } else {
                write(c, kind, k, e.getKey().kind().secret() ? seal(kind, k, e.getValue())
                        : new String(e.getValue(), StandardCharsets.UTF_8));
            }
        }
    }

    private static String read(Connection c, String kind, String k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM crypto_item WHERE kind = ? AND item_key = ?")) {
            ps.setString(1, kind);
            ps.setString(2, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void write(Connection c, String kind, String k, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crypto_item (kind, item_key, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (kind, item_key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, kind);
            ps.setString(2, k);
            ps.setString(3, value);
            ps.executeUpdate();
        }
    }

    private static byte[] aad(String kind, String k) {
        return (kind + "\u0000" + k).getBytes(StandardCharsets.UTF_8);
    }

    String seal(String kind, String k, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(kind, k));
            byte[] ct = cipher.doFinal(plain);
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    byte[] open(String kind, String k, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("crypto store item " + kind + "/" + k + " is not sealed in a known format");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
            cipher.updateAAD(aad(kind, k));
            return cipher.doFinal(raw, 12, raw.length - 12);
        } catch (AEADBadTagException e) {
            throw new WrongStoreKeyException("the crypto store key does not open the crypto store (AES-GCM tag check failed on "
                    + kind + "): the store key is not the key this store was written with. Use the original key;"
                    + " without it the bot's device and its room keys are lost");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("crypto store item " + kind + "/" + k + " is corrupt", e);
        }
    }

    @Override
    public String toString() {
        return "CryptoStore[key hidden]";
    }
}
