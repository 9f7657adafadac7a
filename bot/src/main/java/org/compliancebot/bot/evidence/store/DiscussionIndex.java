package org.compliancebot.bot.evidence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.compliancebot.bot.evidence.SearchHit;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Dialect;

/**
 * The full-text index over the decrypted messages of monitored rooms: SQLite FTS5 with the {@code unicode61}
 * tokenizer, or on PostgreSQL a {@code tsvector} column (GIN index) over the text folded by {@link SearchTerms}
 * the same way. On both, a query matches messages that contain every word of it; a word that is several words
 * to the tokenizer ({@code foo-bar}) matches them as a phrase; case and Latin diacritics do not matter; there is
 * no prefix matching and no query syntax. Access control is the caller's: {@link DiscussionSearch} passes only
 * rooms the searcher may see.
 */
public final class DiscussionIndex {
    private static final String COLUMNS = "SELECT room_id, event_id, sender, origin_ts, body FROM evidence_search WHERE ";
    private final Database db;

    public DiscussionIndex(Database db) {
        this.db = db;
    }

    /** Indexes a message once (by event id), inside the caller's transaction. */
    public void index(Connection c, String eventId, String roomId, String sender, long ts, String body) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM evidence_search WHERE event_id = ?")) {
            exists.setString(1, eventId);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        try (PreparedStatement ps = c.prepareStatement(sqlite
                ? "INSERT INTO evidence_search (body, event_id, room_id, sender, origin_ts) VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO evidence_search (body, event_id, room_id, sender, origin_ts, terms) "
                        + "VALUES (?, ?, ?, ?, ?, to_tsvector('simple', ?))")) {
            ps.setString(1, body);
            ps.setString(2, eventId);
            ps.setString(3, roomId);
            ps.setString(4, sender);
            ps.setLong(5, ts);
            if (!sqlite) {
                ps.setString(6, SearchTerms.fold(body));
            }
            ps.executeUpdate();
        }
    }

    /** Messages in {@code rooms} matching every word of {@code query}, newest first, in [fromMs, toMs). */
    public List<SearchHit> search(String query, List<String> rooms, long fromMs, long toMs, int limit) {
        List<String> words = SearchTerms.queryWords(query);
        if (rooms.isEmpty() || words.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", Collections.nCopies(rooms.size(), "?"));
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        String match = sqlite ? "evidence_search MATCH ?"
                : "terms @@ (" + String.join(" && ", Collections.nCopies(words.size(), "phraseto_tsquery('simple', ?)")) + ")";
        String sql = COLUMNS + match + " AND room_id IN (" + in + ") AND origin_ts >= ? AND origin_ts < ? "
                + "ORDER BY origin_ts DESC, event_id LIMIT ?";
        return db.inTransaction(c -> {
            List<SearchHit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (sqlite) {
                    ps.setString(i++, ftsPhrases(query));
                } else {
                    for (String w : words) {
                        ps.setString(i++, w);
                    }
                }
                for (String r : rooms) {
                    ps.setString(i++, r);
                }
                ps.setLong(i++, fromMs);
                ps.setLong(i++, toMs);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** Each word becomes a quoted FTS5 phrase, so user input cannot use (or break) the query syntax. */
    static String ftsPhrases(String query) {
        StringBuilder b = new StringBuilder();
        for (String word : query.strip().split("\\s+")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append('"').append(word.replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }
}
