package org.compliancebot.testkit.js;

import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates JS clients and closes them all at once (the JUnit extension closes it after each test).
 */
public final class JsClients implements AutoCloseable {

    private final List<JsClient> clients = new ArrayList<>();

    /** A launched client that is not logged in yet. */
    public synchronized JsClient create(String name) {
        JsClient client = JsClient.launch(name);
        clients.add(client);
        return client;
    }

    /**
     * A client logged in as {@code user} and syncing, without crypto. It can join, invite and read state,
     * but cannot read or send messages in encrypted rooms, which on the test server are all rooms.
     */
    public JsClient plainClient(SynapseServer server, RegisteredUser user) {
        JsClient client = create(user.localpart());
        client.login(server, user);
        client.start(false);
        return client;
    }

    /**
     * A client logged in as {@code user}, with encryption, syncing, and with its device cross-signed by
     * the user's freshly bootstrapped cross-signing identity.
     */
    public JsClient encryptedClient(SynapseServer server, RegisteredUser user) {
        return encryptedClient(server, user, false);
    }

    /** As {@link #encryptedClient(SynapseServer, RegisteredUser)}, optionally joining every room it is invited to. */
    public JsClient encryptedClient(SynapseServer server, RegisteredUser user, boolean autoJoinInvites) {
        JsClient client = create(user.localpart());
        client.login(server, user);
        client.initCrypto();
        client.start(autoJoinInvites);
        CrossSigningStatus status = client.bootstrapCrossSigning();
        if (!status.ready() || !status.ownDeviceSignedByOwner()) {
            throw new JsClientException("Cross-signing of " + user.userId() + " did not complete: " + status
                    + "\n" + client.logTail(40));
        }
        return client;
    }

    /** Closes every client created here. */
    @Override
    public synchronized void close() {
        for (JsClient client : clients) {
            client.close();
        }
        clients.clear();
    }
}
