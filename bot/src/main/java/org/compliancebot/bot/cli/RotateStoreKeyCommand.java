package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.util.List;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.store.SigningKeyReseal;
import org.compliancebot.bridge.e2ee.CryptoStore;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.e2ee.StoreKeyRotation;
import org.compliancebot.bridge.store.Database;
import picocli.CommandLine.Command;

/**
 * {@code rotate-store-key}: re-seals the crypto store, and the evidence signing key when it is sealed under
 * the store key, from {@code COMPLIANCE_BOT_STORE_KEY} to {@code COMPLIANCE_BOT_NEW_STORE_KEY}, in one
 * database transaction: a crash or a wrong key leaves the store as it was. Running it again finishes an
 * interrupted rotation. Neither key is ever printed.
 */
@Command(name = "rotate-store-key", mixinStandardHelpOptions = true,
        description = {"Re-seal the crypto store from COMPLIANCE_BOT_STORE_KEY to COMPLIANCE_BOT_NEW_STORE_KEY",
                "(each also from a _FILE variable), in one transaction. Stop the bot first."})
public final class RotateStoreKeyCommand extends KeyRotationCommand {
    /** The secret holding the key to seal the store with from now on. */
    public static final String NEW_STORE_KEY = "COMPLIANCE_BOT_NEW_STORE_KEY";

    public RotateStoreKeyCommand() {
        this(Secrets.fromEnvironment());
    }

    RotateStoreKeyCommand(Secrets secrets) {
        super(secrets);
    }

    private record Done(StoreKeyRotation.Result store, SigningKeyReseal.Outcome signingKey) {}

    @Override
    public Integer call() {
        BotConfig cfg = new ConfigLoader().load(config);
        String currentText = secrets.require(Secrets.STORE_KEY, "the key the crypto store is sealed with now");
        String nextText = secrets.require(NEW_STORE_KEY, "the key to seal the crypto store with from now on; "
                + "generate one with: openssl rand -base64 32");
        StoreKeyRotation rotation = new StoreKeyRotation(parse(Secrets.STORE_KEY, currentText), parse(NEW_STORE_KEY, nextText));
        Done done;
        try (Database db = open(cfg)) {
            done = db.inTransaction(c -> {
                if (!StoreKeyRotation.hasStore(c)) {
                    throw new ConfigException("the database " + cfg.database().url() + " holds no crypto store: "
                            + "check database.url (the bot creates the store on its first start)");
                }
                StoreKeyRotation.Result r = rotation.reseal(c);
                SigningKeyReseal.Outcome signing = SigningKeyReseal.reseal(c,
                        List.of(source(Secrets.STORE_KEY, currentText)), source(Secrets.STORE_KEY, nextText));
                return new Done(r, signing);
            });
        } catch (CryptoStore.WrongStoreKeyException e) {
            return refused("neither " + Secrets.STORE_KEY + " nor " + NEW_STORE_KEY + " opens this crypto store. Set "
                    + Secrets.STORE_KEY + " to the key the bot runs with now.");
        } catch (IllegalStateException e) {
            return refused(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Crypto store: " + done.store().resealed() + " item(s) re-sealed under the new key"
                + (done.store().alreadyNew() > 0 ? ", " + done.store().alreadyNew() + " already were" : "") + ".");
        out.println("Evidence signing key: " + switch (done.signingKey()) {
            case RESEALED -> "re-sealed under the new store key.";
            case ALREADY_NEW -> "already sealed under the new store key.";
            case NO_KEY -> "none yet.";
            case OTHER_SOURCE -> "sealed with " + Secrets.EVIDENCE_KEY + ", unchanged.";
        });
        out.println("Now set " + Secrets.STORE_KEY + " to the new key, remove " + NEW_STORE_KEY + ", and start the bot.");
        out.flush();
        return 0;
    }

    private static StoreKey parse(String name, String text) {
        try {
            return StoreKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
    }
}
