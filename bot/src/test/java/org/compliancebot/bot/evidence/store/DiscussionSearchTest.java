package org.compliancebot.bot.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SearchHit;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * search_compliance_discussions on the store: what matches, and who may see it. The same expectations hold on
 * SQLite (FTS5) and on PostgreSQL (tsvector), which is the point of running them on each engine.
 */
@OnEachEngine
class DiscussionSearchTest {
    private static final String OPS = "!ops:example.org";
    private static final String LEGAL = "!legal:example.org";
    private static final String UNMONITORED = "!random:example.org";
    private static final String ALICE = "@alice:example.org";
    private static final String BOB = "@bob:example.org";

    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private Database db;
    private DiscussionIndex index;
    private DiscussionSearch search;
    private long ts = 1_000;

    @BeforeEach
    void open() {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("search.db"));
        db = Database.open(t.url(), t.user(), t.password());
        EvidenceLedger.migrate(db);
        index = new DiscussionIndex(db);
        // Alice is in the ops room only; Bob in both.
        search = new DiscussionSearch(index, Set.of(OPS, LEGAL),
                new RoomAccess((user, room) -> user.equals(BOB) || user.equals(ALICE) && room.equals(OPS)));
        say(OPS, "$1", "The Firewall rule for db-01 was changed without a ticket.");
        say(OPS, "$2", "Rollback of the firewall change is done; résumé of events follows.");
        say(OPS, "$3", "Contact ops@example.com about ISO27001 control A.9.4.3, naïve approach rejected");
        say(LEGAL, "$4", "Legal hold on the firewall logs, please.");
        say(UNMONITORED, "$5", "firewall chatter in a room nobody monitors");
        say(OPS, "$6", "Straße und Ärger: CUSTOMER_DATA leaked? No: customerdata is safe.");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void say(String room, String eventId, String body) {
        long at = ts++;
        db.inTransactionVoid(c -> {
            index.index(c, eventId, room, BOB, at, body);
            index.index(c, eventId, room, BOB, at, "indexing the same event again changes nothing");
        });
    }

    private List<String> find(String user, boolean auditor, String query) {
        return search.search(new RoomAccess.Reader(user, auditor), query, List.of(), null, null, 100).stream().map(SearchHit::eventId).toList();
    }

    @Test
    void everyWordMustMatchCaseAndLatinAccentsDoNotMatterNewestFirst() {
        assertThat(find(BOB, false, "FIREWALL")).containsExactly("$4", "$2", "$1");
        assertThat(find(BOB, false, "firewall change")).containsExactly("$2");
        assertThat(find(BOB, false, "resume naive")).isEmpty();
        assertThat(find(BOB, false, "resume")).containsExactly("$2");
        assertThat(find(BOB, false, "NAIVE")).containsExactly("$3");
        assertThat(find(BOB, false, "ärger STRASSE")).as("ß is not folded to ss").isEmpty();
        assertThat(find(BOB, false, "arger straße")).containsExactly("$6");
    }

    @Test
    void punctuationSeparatesWordsAndAWordWithPunctuationIsAPhrase() {
        assertThat(find(BOB, false, "example")).containsExactly("$3");
        assertThat(find(BOB, false, "ops@example.com")).containsExactly("$3");
        assertThat(find(BOB, false, "A.9.4.3")).containsExactly("$3");
        assertThat(find(BOB, false, "9.4")).containsExactly("$3");
        assertThat(find(BOB, false, "4.9")).as("the words of a phrase keep their order").isEmpty();
        assertThat(find(BOB, false, "db-01")).containsExactly("$1");
        assertThat(find(BOB, false, "customer_data")).containsExactly("$6");
        assertThat(find(BOB, false, "customer data")).containsExactly("$6");
        assertThat(find(BOB, false, "data customer")).as("separate words need not be adjacent").containsExactly("$6");
    }

    @Test
    void noPrefixesNoQuerySyntaxAndPunctuationAloneFindsNothing() {
        assertThat(find(BOB, false, "fire")).isEmpty();
        assertThat(find(BOB, false, "firewal*")).isEmpty();
        assertThat(find(BOB, false, "firewall OR legal")).isEmpty();
        assertThat(find(BOB, false, "\"firewall\" (logs)")).containsExactly("$4");
        assertThat(find(BOB, false, "!!! ...")).isEmpty();
        assertThat(find(BOB, false, "legal !!!")).as("a word of punctuation only is ignored").containsExactly("$4");
        assertThat(find(BOB, false, "   ")).isEmpty();
    }

    @Test
    void aSearcherSeesOnlyMonitoredRoomsTheyAreInUnlessAuditor() {
        assertThat(find(ALICE, false, "firewall")).containsExactly("$2", "$1");
        assertThat(find(ALICE, true, "firewall")).containsExactly("$4", "$2", "$1");
        assertThat(find("@mallory:example.org", false, "firewall")).isEmpty();
        assertThat(search.search(new RoomAccess.Reader(ALICE, false), "firewall", List.of(LEGAL, UNMONITORED), null, null, 10)).isEmpty();
        assertThat(search.search(new RoomAccess.Reader(BOB, true), "firewall", List.of(UNMONITORED), null, null, 10)).isEmpty();
    }

    @Test
    void timeRangeIsHalfOpenAndTheLimitKeepsTheNewest() {
        List<SearchHit> hits = search.search(new RoomAccess.Reader(BOB, false), "firewall", List.of(), Instant.ofEpochMilli(1_000),
                Instant.ofEpochMilli(1_003), 100);
        assertThat(hits).extracting(SearchHit::eventId).containsExactly("$2", "$1");
        assertThat(hits.get(1)).isEqualTo(new SearchHit(OPS, "$1", BOB, 1_000,
                "The Firewall rule for db-01 was changed without a ticket."));
        assertThat(search.search(new RoomAccess.Reader(BOB, false), "firewall", List.of(), null, null, 1)).extracting(SearchHit::eventId)
                .containsExactly("$4");
    }

    /** PostgreSQL cannot store a NUL character; a message holding one is indexed all the same, on both engines. */
    @Test
    void aMessageWithANulCharacterIsIndexedAndFound() {
        say(OPS, "$7", "quarantine\0 of host web-07\0");
        List<SearchHit> hits = search.search(new RoomAccess.Reader(BOB, false), "quarantine web-07", List.of(), null, null, 10);
        assertThat(hits).extracting(SearchHit::eventId).containsExactly("$7");
    }
}
