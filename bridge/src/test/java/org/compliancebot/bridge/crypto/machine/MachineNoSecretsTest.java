package org.compliancebot.bridge.crypto.machine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;
import org.compliancebot.bridge.e2ee.CryptoStore;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.junit.jupiter.api.Test;

/**
 * The printed forms of the machine, its requests and changes, the crypto store and the store key show
 * no key material: every 16-byte window of every secret the store would hold (accounts, Olm and Megolm
 * sessions, cross-signing seeds) and of the store key is looked for in hex and base64.
 */
class MachineNoSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noPrintedFormShowsAStoredSecretOrTheStoreKey() throws Exception {
        InMemoryHomeserver server = new InMemoryHomeserver();
        Clock clock = Clock.systemUTC();
        Party alice = new Party(server, "@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY, clock).crossSign();
        Party bob = new Party(server, "@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY, clock).crossSign();
        RoomId room = RoomId.of("!r:example.org");
        Map<org.compliancebot.bridge.id.UserId, String> members = Map.of(alice.user, "join", bob.user, "join");
        alice.encryptedRoom(room, members);
        bob.encryptedRoom(room, members);
        alice.machine.keysQuery().ifPresent(q -> alice.machine.markRequestAsSent(q, server.handle(alice.user, alice.device, q)));
        alice.machine.missingSessions(room).ifPresent(c -> alice.machine.markRequestAsSent(c, server.handle(alice.user, alice.device, c)));
        alice.machine.shareRoomKey(room);
        List<Object> printed = new ArrayList<>(alice.machine.outgoingRequests());
        StateChanges changes = alice.machine.takeChanges();
        printed.add(changes);
        server.flush(alice.machine);
        RoomEvent sent = alice.event(room, alice.machine.encrypt(room, "m.room.message", JSON.createObjectNode().put("body", "x")), "$e");
        bob.sync(List.of());
        RoomEvent got = bob.machine.decryptRoomEvent(sent);
        alice.persist();
        bob.persist();
        byte[] keyBytes = new byte[32];
        new java.security.SecureRandom().nextBytes(keyBytes);
        StoreKey storeKey = StoreKey.of(keyBytes);
        printed.addAll(List.of(alice.machine, bob.machine, got, got.encryption(), storeKey, new CryptoStore(storeKey)));

        List<byte[]> secrets = new ArrayList<>();
        secrets.add(keyBytes);
        for (Party p : List.of(alice, bob)) {
            p.stored.forEach((kind, items) -> {
                if (kind.secret()) {
                    items.values().forEach(v -> collectBase64(readTree(v), secrets));
                }
            });
        }
        changes.items().forEach((k, v) -> {
            if (v != null && k.kind().secret()) {
                collectBase64(readTree(v), secrets);
            }
        });
        assertThat(secrets).hasSizeGreaterThan(5);
        // Public keys inside the state blobs (session ids, identity and master keys) may be shown.
        List<byte[]> publicValues = new ArrayList<>();
        for (Party p : List.of(alice, bob)) {
            p.stored.values().forEach(items -> items.keySet().forEach(k -> {
                for (String part : k.split("\\|")) {
                    UnpaddedBase64.decode(part).filter(b -> b.length == 32).ifPresent(publicValues::add);
                }
            }));
            publicValues.add(p.machine.identityKeys().curve25519().toBytes());
            publicValues.add(p.machine.identityKeys().ed25519().toBytes());
            publicValues.add(UnpaddedBase64.decode(p.machine.ownMasterKey().orElseThrow()).orElseThrow());
        }
        publicValues.add(UnpaddedBase64.decode(got.encryption().sessionId()).orElseThrow());
        for (Object o : printed) {
            for (byte[] s : secrets) {
                assertHidden(o.toString(), o.getClass().getSimpleName(), s, publicValues);
            }
        }
    }

    private static boolean containsAt(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode readTree(byte[] v) {
        try {
            return JSON.readTree(v);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final java.util.Set<String> SECRET_FIELDS = java.util.Set.of("account", "session", "master",
            "self_signing", "user_signing");

    /** The secret fields of a stored item: state blobs and seeds (public keys stored beside them may be shown). */
    private static void collectBase64(JsonNode node, List<byte[]> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (SECRET_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
                out.add(UnpaddedBase64.decode(e.getValue().asText()).orElseThrow());
            }
        }
    }

    private static void assertHidden(String printed, String what, byte[] secret, List<byte[]> publicValues) {
        for (int off = 0; off + 16 <= secret.length; off += 4) {
            byte[] probe = Arrays.copyOfRange(secret, off, off + 16);
            if (publicValues.stream().anyMatch(p -> containsAt(p, probe))) {
                continue;
            }
            assertThat(printed).as("%s shows secret bytes", what)
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(probe))
                    .doesNotContain(UnpaddedBase64.encode(probe).substring(0, 20));
        }
    }
}
