package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.store.SigningKeyReseal;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bridge.store.Database;
import picocli.CommandLine.Command;

/**
 * {@code rotate-evidence-key}: re-seals the evidence log's signing key under {@code COMPLIANCE_BOT_NEW_EVIDENCE_KEY},
 * from the secret it is sealed with now ({@code COMPLIANCE_BOT_EVIDENCE_KEY}, or the store key when it was sealed
 * under that). The Ed25519 key itself does not change, so every signed tree head and packet, old and new, verifies
 * with the same published public key. No secret is ever printed.
 */
@Command(name = "rotate-evidence-key", mixinStandardHelpOptions = true,
        description = {"Re-seal the evidence signing key under COMPLIANCE_BOT_NEW_EVIDENCE_KEY (or its _FILE).",
                "The signing key and its public key stay the same. Stop the bot first."})
public final class RotateEvidenceKeyCommand extends KeyRotationCommand {
    /** The secret holding the key to seal the signing key with from now on. */
    public static final String NEW_EVIDENCE_KEY = "COMPLIANCE_BOT_NEW_EVIDENCE_KEY";

    public RotateEvidenceKeyCommand() {
        this(Secrets.fromEnvironment());
    }

    RotateEvidenceKeyCommand(Secrets secrets) {
        super(secrets);
    }

    @Override
    public Integer call() {
        BotConfig cfg = new ConfigLoader().load(config);
        String nextText = secrets.require(NEW_EVIDENCE_KEY, "the key to seal the evidence signing key with from now on; "
                + "generate one with: openssl rand -base64 32");
        if (secrets.get(Secrets.EVIDENCE_KEY).filter(nextText::equals).isPresent()) {
            throw new ConfigException(NEW_EVIDENCE_KEY + " is the current " + Secrets.EVIDENCE_KEY
                    + "; generate a new one with: openssl rand -base64 32");
        }
        SigningKeys.Source next = source(Secrets.EVIDENCE_KEY, nextText);
        List<SigningKeys.Source> current = new ArrayList<>();
        for (String name : new String[] {Secrets.EVIDENCE_KEY, Secrets.STORE_KEY}) {
            secrets.get(name).ifPresent(text -> current.add(source(name, text)));
        }
        SigningKeyReseal.Outcome outcome;
        try (Database db = open(cfg)) {
            try {
                outcome = db.inTransaction(c -> SigningKeyReseal.reseal(c, current, next));
            } catch (ConfigException e) {
                return refused(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (outcome) {
            case RESEALED -> out.println("Evidence signing key re-sealed under the new key; its public key is unchanged.");
            case ALREADY_NEW -> out.println("Evidence signing key: already sealed under the new key; nothing changed.");
            case NO_KEY -> out.println("The evidence log has no signing key yet: the bot creates one, sealed with "
                    + Secrets.EVIDENCE_KEY + ", when it starts.");
            case OTHER_SOURCE -> {
                return refused("the evidence signing key is sealed with a secret that is not set (" + Secrets.EVIDENCE_KEY
                        + " or " + Secrets.STORE_KEY + "); set the one the bot runs with now.");
            }
        }
        out.println("Now set " + Secrets.EVIDENCE_KEY + " to the new key, remove " + NEW_EVIDENCE_KEY + ", and start the bot.");
        out.flush();
        return 0;
    }
}
