package org.compliancebot.bot.evidence;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * RFC 3161 on Bouncy Castle: asks a {@link TimestampAuthority} to stamp a digest, and checks a token offline
 * (message imprint, the TSA's signature with the certificate carried in the token, its validity at the
 * stamped time). Whether to trust that TSA certificate is the auditor's call: the check reports its subject.
 */
public final class TimestampTokens {
    private TimestampTokens() {}

    /** What a valid token says. */
    public record Stamp(Instant time, String tsaSubject, String serial) {}

    /** The token failed a check; the message says which. */
    public static final class TimestampException extends Exception {
        public TimestampException(String message) {
            super(message);
        }
    }

    /** Stamps the SHA-256 digest {@code digest}; returns the DER token. */
    public static byte[] stamp(TimestampAuthority tsa, byte[] digest, SecureRandom random) throws IOException, TimestampException {
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        BigInteger nonce = new BigInteger(64, random);
        TimeStampRequest req = gen.generate(TSPAlgorithms.SHA256, digest, nonce);
        byte[] answer = tsa.exchange(req.getEncoded());
        try {
            TimeStampResponse resp = new TimeStampResponse(answer);
            resp.validate(req);
            TimeStampToken token = resp.getTimeStampToken();
            if (token == null) {
                throw new TimestampException("the TSA refused: " + resp.getStatusString());
            }
            return token.getEncoded();
        } catch (TSPException e) {
            throw new TimestampException("the TSA's answer is not valid: " + e.getMessage());
        }
    }

    /** Checks a DER token against the digest it should stamp. */
    public static Stamp verify(byte[] tokenDer, byte[] expectedDigest) throws TimestampException {
        TimeStampToken token;
        try {
            token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(tokenDer));
        } catch (Exception e) {
            throw new TimestampException("not an RFC 3161 token: " + e.getMessage());
        }
        var info = token.getTimeStampInfo();
        if (!TSPAlgorithms.SHA256.equals(info.getMessageImprintAlgOID())) {
            throw new TimestampException("the token stamps another digest algorithm than SHA-256");
        }
        if (!MessageDigest.isEqual(info.getMessageImprintDigest(), expectedDigest)) {
            throw new TimestampException("the token stamps another tree head");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certs = token.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
        if (certs.isEmpty()) {
            throw new TimestampException("the token carries no TSA certificate");
        }
        X509CertificateHolder holder = certs.iterator().next();
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(cert);
            token.validate(verifier);
            return new Stamp(info.getGenTime().toInstant(), holder.getSubject().toString(), info.getSerialNumber().toString());
        } catch (TSPException e) {
            throw new TimestampException("the TSA's signature on the token does not verify: " + e.getMessage());
        } catch (Exception e) {
            throw new TimestampException("the TSA certificate cannot be used: " + e.getMessage());
        }
    }
}
