package org.compliancebot.bot.incident.matrix;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.compliancebot.bot.app.BotContext;
import org.compliancebot.bot.app.BotModule;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.incident.Decryptor;
import org.compliancebot.bot.incident.IncidentDesk;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.RoomActivity;
import org.compliancebot.bot.incident.TranscriptEvidence;
import org.compliancebot.bot.incident.store.JdbcIncidentStore;
import org.compliancebot.bot.incident.store.JdbcTranscriptStore;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incident rooms as a bot feature: the incident service, the chat commands, the room listener and
 * the background worker that opens, invites, archives and extracts. Other features reach the
 * service through {@link #service()} once the module has started.
 */
public final class IncidentModule implements BotModule {
    private static final Logger log = LoggerFactory.getLogger(IncidentModule.class);
    private static final Duration RESOLVE_EVERY = Duration.ofMinutes(1);

    private volatile IncidentService service;
    private IncidentWorker worker;
    private RoomOpener opener;
    private TranscriptExtractor extractor;
    private Decryptor decryptor = Decryptor.NONE;
    private StepHook hook = StepHook.NONE;
    private TranscriptEvidence evidence = TranscriptEvidence.NONE;
    private RoomArchiver archiver;

    @Override
    public String name() {
        return "incidents";
    }

    /** Decrypts encrypted events for transcripts; without one they are kept encrypted and marked so. */
    public synchronized IncidentModule withDecryptor(Decryptor d) {
        this.decryptor = d;
        if (extractor != null) {
            extractor.setDecryptor(d);
        }
        return this;
    }

    /** Takes archived transcripts into the evidence log; without it they stay in the incident store only. */
    public synchronized IncidentModule withTranscriptEvidence(TranscriptEvidence e) {
        this.evidence = e;
        if (archiver != null) {
            archiver.setEvidence(e);
        }
        return this;
    }

    /** A hook between opening steps, for fault-injection tests. */
    public synchronized IncidentModule withStepHook(StepHook h) {
        this.hook = h;
        if (opener != null) {
            opener.setHook(h);
        }
        return this;
    }

    /** The incident API; null before {@link #start}. */
    public IncidentService service() {
        return service;
    }

    @Override
    public synchronized void start(BotContext context) {
        BotConfig config = context.config();
        IncidentService svc = IncidentSetup.service(context.database(), config, context.clock());
        JdbcIncidentStore store = new JdbcIncidentStore(context.database());
        RoleDirectory roles = svc.roles();
        Set<UserId> owners = new LinkedHashSet<>(roles.holders(Role.SECURITY_LEAD));
        if (owners.isEmpty()) {
            log.warn("No security lead is configured (roles.security_lead): incident rooms will have no owner but the bot, "
                    + "which therefore keeps power level 100");
        }
        UserId bot = context.session().userId();
        RoomContext ctx = new RoomContext(store, new JdbcTranscriptStore(context.database()), context.client(),
                context.outbox(), bot, config.homeserver().serverName(), owners, config.incident().retentionMillis(),
                context.clock());
        InviteSender invites = new InviteSender(ctx);
        opener = new RoomOpener(ctx, invites);
        opener.setHook(hook);
        extractor = new TranscriptExtractor(ctx);
        extractor.setDecryptor(decryptor);
        CommandRooms commandRooms = new CommandRooms(config.incident().commandRooms(), config.rooms());
        long[] lastResolve = {Long.MIN_VALUE};
        Runnable housekeeping = () -> {
            long now = System.nanoTime();
            if (!commandRooms.allResolved() && (lastResolve[0] == Long.MIN_VALUE || now - lastResolve[0] > RESOLVE_EVERY.toNanos())) {
                lastResolve[0] = now;
                commandRooms.resolve(context.client());
            }
        };
        archiver = new RoomArchiver(ctx, extractor);
        archiver.setEvidence(evidence);
        worker = new IncidentWorker(ctx, opener, invites, archiver, housekeeping);
        svc.onRoomWork(worker::wake);
        new IncidentChatCommands(new IncidentDesk(svc, store, context.clock()), store, commandRooms).register(context.router());
        context.router().listener(new IncidentRoomListener(store, new RoomActivity(store, bot)));
        service = svc;
        worker.start();
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.stop();
        }
    }
}
