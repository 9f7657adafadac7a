package org.compliancebot.bot.evidence.packet;

import java.time.Instant;

/** The packet's README.txt: a short guide for the auditor. */
final class PacketReadme {
    private PacketReadme() {}

    static String text(PacketContent p) {
        return """
                AUDIT PACKET (%s)

                Scope:      %s
                Created:    %s
                Records:    %d
                Tree head:  size %d, root %s
                Log key:    %s (Ed25519)

                What is here
                  index.html            readable transcript, decisions and timeline (open in a browser, works offline)
                  records.jsonl         the evidence records, one canonical-JSON record per line
                  proofs.jsonl          for each record, its RFC 9162 inclusion proof in the signed tree head
                  tree-head.json        the signed tree head (Ed25519 over the text shown in docs/evidence.md)
                  consistency.json      proofs that this head extends earlier signed heads (e.g. the last one
                                        posted to the audit room)
                  public-key.txt        the log's public key; compare it with the published one
                  timestamp.tsr         (optional) RFC 3161 time-stamp token over the tree head
                  megolm-sessions.json  (optional) Megolm session exports, which let you re-decrypt the
                                        encrypted messages; treat this file as confidential
                  attachments/          (optional) further documents in scope, e.g. the change register
                  manifest.json         SHA-256 of every file; manifest.sig signs it with the log key

                How to check it
                  java -jar compliance-bot.jar verify <this directory or its zip> [--expect-key <key>]
                The verifier needs no server and no database. It prints PASS, or FAIL with the first
                broken item and why (exit code 0 on PASS). It checks the manifest and its signature, every
                record against its inclusion proof, the tree head signature and consistency proofs, each
                Matrix event against its event id (reference hash) and its content hash, the Megolm
                ciphertexts when session keys are included, and the time-stamp token.

                Records of events that the server redacted later keep the original content; the event id
                still proves which event they are. Validations by the compliance manager are records of
                their own that point at the record they judge.
                """.formatted(PacketFiles.FORMAT, p.scope(), Instant.ofEpochMilli(p.createdAt()), p.records().size(),
                p.head().size(), p.head().rootBase64(), p.head().publicKey());
    }
}
