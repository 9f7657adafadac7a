package org.compliancebot.bot.evidence.packet;

import java.util.List;

/** The file names of an audit packet (format {@value #FORMAT}). */
public final class PacketFiles {
    public static final String FORMAT = "compliance-bot audit packet v1";
    public static final String README = "README.txt";
    public static final String INDEX = "index.html";
    public static final String RECORDS = "records.jsonl";
    public static final String PROOFS = "proofs.jsonl";
    public static final String TREE_HEAD = "tree-head.json";
    public static final String CONSISTENCY = "consistency.json";
    public static final String PUBLIC_KEY = "public-key.txt";
    public static final String TIMESTAMP = "timestamp.tsr";
    public static final String MEGOLM = "megolm-sessions.json";
    public static final String ATTACHMENTS = "attachments/";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIG = "manifest.sig";

    /** Files every packet has, besides the manifest and its signature. */
    public static final List<String> REQUIRED = List.of(README, INDEX, RECORDS, PROOFS, TREE_HEAD, CONSISTENCY, PUBLIC_KEY);

    private PacketFiles() {}
}
