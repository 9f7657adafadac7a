// A second Matrix client for acceptance tests: matrix-js-sdk with its Rust crypto (the stack Element
// uses), driven over JSON lines.
//
// stdin:  one request per line   {"id": n, "cmd": "...", "args": {...}}
// stdout: one message per line   {"id": n, "ok": true, "result": ...} | {"id": n, "ok": false, "error": "..."}
//         and unsolicited events {"event": "timeline", ...} | {"event": "invite", ...}
// stderr: logs (the Java side writes them to a file).
//
// stdout carries nothing but protocol lines, so every console method is sent to stderr before the SDK
// is loaded (a static import would run the SDK's module code first).
import { format } from "node:util";
import { createInterface } from "node:readline";

for (const level of ["log", "info", "debug", "warn", "error", "trace"]) {
    console[level] = (...args) => process.stderr.write(`[${level}] ${format(...args)}\n`);
}

const sdk = await import("matrix-js-sdk");
const cryptoApi = await import("matrix-js-sdk/lib/crypto-api/index.js");
const { logger } = await import("matrix-js-sdk/lib/logger.js");
logger.setLevel(process.env.JS_CLIENT_LOG_LEVEL ?? "warn");

const { ClientEvent, RoomEvent, MatrixEventEvent } = sdk;

let client = null;
let session = null; // { baseUrl, userId, password, deviceId }
let autoJoin = false;
const emitted = new Map(); // eventId -> last emitted decryption state, so a retry with the same outcome is not repeated

function send(message) {
    process.stdout.write(JSON.stringify(message) + "\n");
}

function requireClient() {
    if (!client) {
        throw new Error("not logged in: call login first");
    }
    return client;
}

function requireCrypto() {
    const crypto = requireClient().getCrypto();
    if (!crypto) {
        throw new Error("crypto is not initialised: call initCrypto before start");
    }
    return crypto;
}

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(what, check, timeoutMs = 50000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        }
        await sleep(100);
    }
}

// A room is usable once our join (or creation) has come down sync with the room's state, so that the
// client knows whether it must encrypt.
async function roomReady(roomId, timeoutMs) {
    const client = requireClient();
    return until(`room ${roomId} to be joined and synced`, () => {
        const room = client.getRoom(roomId);
        return room && room.getMyMembership() === "join" && room.currentState.getStateEvents("m.room.create", "")
            ? room : null;
    }, timeoutMs);
}

function emitTimeline(ev) {
    const failed = ev.isDecryptionFailure();
    const state = failed ? `failed:${ev.decryptionFailureReason}` : "ok";
    if (emitted.get(ev.getId()) === state) {
        return;
    }
    emitted.set(ev.getId(), state);
    send({
        event: "timeline",
        roomId: ev.getRoomId(),
        eventId: ev.getId(),
        sender: ev.getSender(),
        // An undecryptable event is reported as it is on the wire, not with the SDK's placeholder text.
        type: failed ? ev.getWireType() : ev.getType(),
        stateKey: ev.getStateKey() ?? null,
        content: failed ? ev.getWireContent() : ev.getContent(),
        encrypted: ev.isEncrypted(),
        decryptionError: failed ? String(ev.decryptionFailureReason ?? "unknown") : null,
        originServerTs: ev.getTs(),
    });
}

function onTimeline(ev, room, toStartOfTimeline) {
    if (toStartOfTimeline || !ev.getId()?.startsWith("$")) {
        return; // back-paginated history or a local echo of our own send
    }
    if (!ev.isEncrypted()) {
        emitTimeline(ev);
        return;
    }
    // Every decryption attempt (the first, and retries when a key arrives later) is reported.
    ev.on(MatrixEventEvent.Decrypted, () => emitTimeline(ev));
    if (!ev.isBeingDecrypted() && (ev.getClearContent() || ev.isDecryptionFailure())) {
        emitTimeline(ev);
    }
}

function onMyMembership(room, membership) {
    if (membership !== "invite") {
        return;
    }
    const me = room.getMember(client.getUserId());
    send({ event: "invite", roomId: room.roomId, inviter: me?.events?.member?.getSender() ?? null });
    if (autoJoin) {
        client.joinRoom(room.roomId).catch((e) => console.error(`auto-join of ${room.roomId} failed`, e));
    }
}

function messageContent(body, extra = {}) {
    return { msgtype: "m.text", body, ...extra };
}

const commands = {
    async login({ baseUrl, userId, password, deviceId }) {
        const credentials = await sdk.createClient({ baseUrl }).loginRequest({
            type: "m.login.password",
            identifier: { type: "m.id.user", user: userId },
            password,
            device_id: deviceId ?? undefined,
            initial_device_display_name: "testkit js client",
        });
        session = { baseUrl, userId: credentials.user_id, password, deviceId: credentials.device_id };
        client = sdk.createClient({
            baseUrl,
            userId: credentials.user_id,
            accessToken: credentials.access_token,
            deviceId: credentials.device_id,
        });
        client.on(RoomEvent.Timeline, onTimeline);
        client.on(RoomEvent.MyMembership, onMyMembership);
        return { userId: credentials.user_id, deviceId: credentials.device_id };
    },

    async initCrypto() {
        await requireClient().initRustCrypto({ useIndexedDB: false });
        return { deviceEd25519: (await requireCrypto().getOwnDeviceKeys()).ed25519 };
    },

    async start({ autoJoinInvites = false, timeoutMs = 50000 } = {}) {
        autoJoin = autoJoinInvites;
        const c = requireClient();
        const prepared = new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("initial sync did not finish in time")), timeoutMs);
            c.on(ClientEvent.Sync, (state) => {
                if (state === "PREPARED" || state === "SYNCING") {
                    clearTimeout(timer);
                    resolve();
                }
            });
        });
        await c.startClient({ initialSyncLimit: 20 });
        await prepared;
        return { syncState: c.getSyncState() };
    },

    async bootstrapCrossSigning() {
        const crypto = requireCrypto();
        await crypto.bootstrapCrossSigning({
            authUploadDeviceSigningKeys: async (makeRequest) => {
                await makeRequest({
                    type: "m.login.password",
                    identifier: { type: "m.id.user", user: session.userId },
                    password: session.password,
                });
            },
        });
        // The signature on our own device shows once the crypto has re-read our keys; that can lag the
        // upload by a moment on a busy machine, so look again for up to 20 s before reporting.
        let own = await crypto.getDeviceVerificationStatus(session.userId, session.deviceId);
        for (let i = 0; i < 80 && !own?.signedByOwner; i++) {
            await new Promise((r) => setTimeout(r, 250));
            await crypto.getUserDeviceInfo([session.userId], true);
            own = await crypto.getDeviceVerificationStatus(session.userId, session.deviceId);
        }
        return { crossSigningReady: await crypto.isCrossSigningReady(), ownDeviceSignedByOwner: !!own?.signedByOwner };
    },

    async setDeviceIsolation({ mode }) {
        const crypto = requireCrypto();
        if (mode === "onlySigned") {
            crypto.setDeviceIsolationMode(new cryptoApi.OnlySignedDevicesIsolationMode());
        } else if (mode === "all") {
            crypto.setDeviceIsolationMode(new cryptoApi.AllDevicesIsolationMode(false));
        } else {
            throw new Error(`unknown isolation mode ${mode}: use onlySigned or all`);
        }
        return { mode };
    },

    async createRoom({ options = {}, timeoutMs }) {
        const { room_id: roomId } = await requireClient().createRoom(options);
        await roomReady(roomId, timeoutMs);
        return { roomId };
    },

    async joinRoom({ roomIdOrAlias, timeoutMs }) {
        const room = await requireClient().joinRoom(roomIdOrAlias);
        await roomReady(room.roomId, timeoutMs);
        return { roomId: room.roomId };
    },

    async leaveRoom({ roomId }) {
        await requireClient().leave(roomId);
        return {};
    },

    async invite({ roomId, userId }) {
        await requireClient().invite(roomId, userId);
        return {};
    },

    async isRoomEncrypted({ roomId }) {
        await roomReady(roomId);
        return { encrypted: await requireCrypto().isEncryptionEnabledInRoom(roomId) };
    },

    async sendText({ roomId, body }) {
        await roomReady(roomId);
        return client.sendMessage(roomId, messageContent(body));
    },

    async sendHtml({ roomId, body, formatted }) {
        await roomReady(roomId);
        return client.sendMessage(roomId, messageContent(body, { format: "org.matrix.custom.html", formatted_body: formatted }));
    },

    async sendReply({ roomId, inReplyToEventId, body, quoteFallback = false }) {
        const room = await roomReady(roomId);
        let text = body;
        if (quoteFallback) {
            const original = room.findEventById(inReplyToEventId);
            if (original) {
                const quoted = String(original.getContent().body ?? "").split("\n").map((l) => `> ${l}`);
                quoted[0] = `> <${original.getSender()}> ${quoted[0].slice(2)}`;
                text = `${quoted.join("\n")}\n\n${body}`;
            }
        }
        return client.sendMessage(roomId, messageContent(text, {
            "m.relates_to": { "m.in_reply_to": { event_id: inReplyToEventId } },
        }));
    },

    async sendThreadReply({ roomId, threadRootId, body }) {
        await roomReady(roomId);
        return client.sendEvent(roomId, threadRootId, "m.room.message", messageContent(body, {
            "m.relates_to": {
                rel_type: "m.thread",
                event_id: threadRootId,
                is_falling_back: true,
                "m.in_reply_to": { event_id: threadRootId },
            },
        }));
    },

    async edit({ roomId, eventId, newBody }) {
        await roomReady(roomId);
        return client.sendMessage(roomId, messageContent(`* ${newBody}`, {
            "m.new_content": messageContent(newBody),
            "m.relates_to": { rel_type: "m.replace", event_id: eventId },
        }));
    },

    async redact({ roomId, eventId, reason }) {
        await roomReady(roomId);
        return client.redactEvent(roomId, eventId, undefined, reason ? { reason } : undefined);
    },

    async react({ roomId, eventId, key }) {
        await roomReady(roomId);
        return client.sendEvent(roomId, "m.reaction", {
            "m.relates_to": { rel_type: "m.annotation", event_id: eventId, key },
        });
    },

    async sendEvent({ roomId, type, content }) {
        await roomReady(roomId);
        return client.sendEvent(roomId, type, content);
    },

    async setDisplayName({ displayName }) {
        await requireClient().setDisplayName(displayName);
        return {};
    },

    async sendStateEvent({ roomId, type, stateKey = "", content }) {
        return requireClient().sendStateEvent(roomId, type, content, stateKey);
    },

    async getRoomState({ roomId, type, stateKey = "" }) {
        try {
            return { content: await requireClient().getStateEvent(roomId, type, stateKey) };
        } catch (e) {
            if (e?.errcode === "M_NOT_FOUND") {
                return { content: null };
            }
            throw e;
        }
    },

    async getUserDeviceVerification({ userId, deviceId }) {
        const crypto = requireCrypto();
        await crypto.getUserDeviceInfo([userId], true); // fetch the user's keys if we never did
        const status = await crypto.getDeviceVerificationStatus(userId, deviceId);
        if (!status) {
            return { known: false, signedByOwner: false, crossSigningVerified: false, localVerified: false, verified: false };
        }
        return {
            known: true,
            signedByOwner: status.signedByOwner,
            crossSigningVerified: status.crossSigningVerified,
            localVerified: status.localVerified,
            verified: status.isVerified(),
        };
    },

    async getUserVerification({ userId }) {
        const crypto = requireCrypto();
        await crypto.getUserDeviceInfo([userId], true);
        const status = await crypto.getUserVerificationStatus(userId);
        return {
            known: status.known,
            crossSigningVerified: status.isCrossSigningVerified(),
            needsUserApproval: status.needsUserApproval,
        };
    },

    async shutdown() {
        if (client) {
            client.stopClient();
        }
        setTimeout(() => process.exit(0), 50);
        return {};
    },
};

function describe(error) {
    if (error?.errcode) {
        return `${error.errcode}: ${error.data?.error ?? error.message} (HTTP ${error.httpStatus})`;
    }
    // The stack is in the log; the answer says what failed.
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
    if (!line.trim()) {
        return;
    }
    let request;
    try {
        request = JSON.parse(line);
    } catch {
        send({ id: null, ok: false, error: `not JSON: ${line.slice(0, 200)}` });
        return;
    }
    const handler = commands[request.cmd];
    if (!handler) {
        send({ id: request.id, ok: false, error: `unknown command ${request.cmd}` });
        return;
    }
    try {
        const result = await handler(request.args ?? {});
        send({ id: request.id, ok: true, result: result ?? {} });
    } catch (error) {
        console.error(`command ${request.cmd} failed`, error);
        send({ id: request.id, ok: false, error: describe(error) });
    }
});
lines.on("close", () => {
    // The Java side went away: stop syncing and exit rather than linger.
    if (client) {
        client.stopClient();
    }
    process.exit(0);
});
process.on("unhandledRejection", (reason) => console.error("unhandled rejection", reason));
send({ event: "ready", pid: process.pid });
