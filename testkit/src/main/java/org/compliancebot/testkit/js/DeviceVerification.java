package org.compliancebot.testkit.js;

/**
 * How a device looks to the JS client (matrix-js-sdk's {@code DeviceVerificationStatus}).
 *
 * @param known                whether the client knows the device at all
 * @param signedByOwner        the device is signed by its owner's self-signing key
 * @param crossSigningVerified the device is signed and its owner is verified by this client's user
 * @param localVerified        the device was marked verified locally
 * @param verified             matrix-js-sdk's overall {@code isVerified()}
 */
public record DeviceVerification(boolean known, boolean signedByOwner, boolean crossSigningVerified,
                                 boolean localVerified, boolean verified) {
}
