package org.compliancebot.testkit.js;

/**
 * The result of bootstrapping cross-signing on the JS client.
 *
 * @param ready                  cross-signing keys exist, are uploaded and trusted by this device
 * @param ownDeviceSignedByOwner this device carries a valid signature of its user's self-signing key
 */
public record CrossSigningStatus(boolean ready, boolean ownDeviceSignedByOwner) {
}
