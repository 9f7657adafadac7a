/**
 * End-to-end encryption for Matrix, in pure Java on Bouncy Castle, written from the Matrix
 * specification. Sans-I/O: no HTTP, no database, no threads. Callers feed in bytes and JSON from
 * sync and persist the returned state.
 *
 * <ul>
 *   <li>{@code primitives}: X25519 ({@code Curve25519KeyPair}), Ed25519 ({@code Ed25519KeyPair},
 *       {@code Ed25519PublicKey}), HKDF, HMAC, AES-CBC, the Olm/Megolm message cipher, unpadded base64.</li>
 *   <li>{@code json}: canonical JSON and JSON signing/verification.</li>
 *   <li>{@code olm}: {@code Account} (identity, one-time and fallback keys), {@code Session} (the
 *       double ratchet), message formats, the {@code m.olm.v1.curve25519-aes-sha2} envelope and
 *       payload checks.</li>
 *   <li>{@code megolm}: {@code OutboundGroupSession}, {@code InboundGroupSession}, session-key
 *       formats, {@code ReplayGuard}.</li>
 *   <li>{@code state}: the versioned binary format every stateful class persists to.</li>
 * </ul>
 *
 * <p>Every decoder and operation reports failure with its own sealed checked exception whose cases
 * name what went wrong. No {@code toString()} prints key material.
 */
package org.compliancebot.bridge.crypto;
