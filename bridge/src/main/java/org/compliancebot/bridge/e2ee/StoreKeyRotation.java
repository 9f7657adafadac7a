package org.compliancebot.bridge.e2ee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.compliancebot.bridge.crypto.machine.StateKind;
import org.compliancebot.bridge.store.Tables;

/**
 * Re-seals the crypto store under a new store key, in the caller's transaction: every sealed item (the
 * secret kinds and the key check item). An item that already opens under the new key is left as it is, so
 * a rotation that was interrupted, or one after which a bot still wrote with the old key, is finished by
 * running it again. An item that opens under neither key throws {@link CryptoStore.WrongStoreKeyException}
 * (or {@link IllegalStateException} for a corrupt item) before the transaction commits: the caller rolls
 * back and nothing changes. No key material leaves this class; {@link #toString()} shows none.
 */
public final class StoreKeyRotation {
    /** What a rotation did: items sealed anew, and items that already were under the new key. */
    public record Result(int resealed, int alreadyNew) {}

    private final CryptoStore current;
    private final CryptoStore next;

    /** @throws IllegalArgumentException when both keys are the same */
    public StoreKeyRotation(StoreKey current, StoreKey next) {
        if (current.equals(next)) {
            throw new IllegalArgumentException("the new store key is the current one; generate a new one with: openssl rand -base64 32");
        }
        this.current = new CryptoStore(current);
        this.next = new CryptoStore(next);
    }

    /** True when {@code c} holds the crypto store table (the bot has run on this database). */
    public static boolean hasStore(Connection c) throws SQLException {
        return Tables.exists(c, "crypto_item");
    }

    /** Re-seals every sealed item under the new key, then checks the new key against the store. */
    public Result reseal(Connection c) throws SQLException {
        int resealed = 0;
        int already = 0;
        for (String[] row : sealedRows(c)) {
            String kind = row[0];
            String key = row[1];
            if (opensUnder(next, kind, key, row[2])) {
                already++;
                continue;
            }
            byte[] plain = current.open(kind, key, row[2]);
            try (PreparedStatement ps = c.prepareStatement("UPDATE crypto_item SET value = ? WHERE kind = ? AND item_key = ?")) {
                ps.setString(1, next.seal(kind, key, plain));
                ps.setString(2, kind);
                ps.setString(3, key);
                ps.executeUpdate();
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            resealed++;
        }
        next.checkKey(c);
        return new Result(resealed, already);
    }

    /** Rows of the secret kinds, and of any kind that is not machine state (the key check item). */
    private static List<String[]> sealedRows(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, item_key, value FROM crypto_item ORDER BY kind, item_key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (isSealed(rs.getString(1))) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return out;
    }

    private static boolean isSealed(String kind) {
        try {
            return StateKind.valueOf(kind).secret();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean opensUnder(CryptoStore store, String kind, String key, String sealed) {
        try {
            Arrays.fill(store.open(kind, key, sealed), (byte) 0);
            return true;
        } catch (CryptoStore.WrongStoreKeyException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "StoreKeyRotation[keys hidden]";
    }
}
