package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;

/** A device's public identity keys, as published under {@code device_keys.keys}. */
public record IdentityKeys(Curve25519PublicKey curve25519, Ed25519PublicKey ed25519) {}
