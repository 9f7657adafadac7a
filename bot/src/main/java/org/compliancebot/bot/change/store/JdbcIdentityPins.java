package org.compliancebot.bot.change.store;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.compliancebot.bot.oversight.IdentityPins;
import org.compliancebot.bot.oversight.PinCheck;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/** Pinned master keys in {@code identity_pin}; every re-pin is kept in {@code identity_repin}. */
public final class JdbcIdentityPins implements IdentityPins {
    private final Database db;
    private final Clock clock;

    public JdbcIdentityPins(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The master key pinned for {@code user}, if any. */
    public Optional<String> pinned(UserId user) {
        return db.inTransaction(c -> Rows.one(c, "SELECT master_key FROM identity_pin WHERE user_id = ?",
                ps -> ps.setString(1, user.value()), rs -> rs.getString(1)));
    }

    @Override
    public PinCheck check(UserId user, String masterKey) {
        return pinned(user).map(p -> p.equals(masterKey) ? PinCheck.MATCH : PinCheck.CHANGED).orElse(PinCheck.FIRST_SEEN);
    }

    @Override
    public void pin(UserId user, String masterKey) {
        Objects.requireNonNull(masterKey, "master key");
        db.inTransactionVoid(c -> {
            Optional<String> current = pinned(user);
            if (current.isPresent()) {
                if (!current.get().equals(masterKey)) {
                    throw new IllegalStateException("a different identity is pinned for " + user + "; an admin must re-pin it");
                }
                return;
            }
            Rows.update(c, "INSERT INTO identity_pin (user_id, master_key, pinned_at) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, user.value());
                ps.setString(2, masterKey);
                ps.setString(3, clock.instant().toString());
            });
        });
    }

    @Override
    public void repin(UserId user, String masterKey, UserId admin) {
        Objects.requireNonNull(masterKey, "master key");
        db.inTransactionVoid(c -> {
            String old = pinned(user).orElse(null);
            String now = clock.instant().toString();
            long seq = Rows.nextSeq(c, "identity_repin");
            Rows.update(c, "INSERT INTO identity_repin (seq, user_id, old_key, new_key, admin, at) VALUES (?, ?, ?, ?, ?, ?)",
                    ps -> {
                        ps.setLong(1, seq);
                        ps.setString(2, user.value());
                        ps.setString(3, old);
                        ps.setString(4, masterKey);
                        ps.setString(5, admin.value());
                        ps.setString(6, now);
                    });
            if (old == null) {
                Rows.update(c, "INSERT INTO identity_pin (master_key, pinned_at, user_id) VALUES (?, ?, ?)", ps -> bind(ps, masterKey, now, user));
            } else {
                Rows.update(c, "UPDATE identity_pin SET master_key = ?, pinned_at = ? WHERE user_id = ?", ps -> bind(ps, masterKey, now, user));
            }
        });
    }

    private static void bind(java.sql.PreparedStatement ps, String key, String at, UserId user) throws java.sql.SQLException {
        ps.setString(1, key);
        ps.setString(2, at);
        ps.setString(3, user.value());
    }
}
