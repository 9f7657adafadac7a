package org.compliancebot.testkit.js;

/**
 * How the JS client trusts another user's cross-signing identity.
 *
 * @param known                the client has seen the user's identity
 * @param crossSigningVerified the identity is verified by this client's user
 * @param needsUserApproval    the identity changed since it was first seen
 */
public record UserVerification(boolean known, boolean crossSigningVerified, boolean needsUserApproval) {
}
