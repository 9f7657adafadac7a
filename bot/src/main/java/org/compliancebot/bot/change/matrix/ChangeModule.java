package org.compliancebot.bot.change.matrix;

import java.time.Duration;
import java.util.Optional;
import org.compliancebot.bot.app.BotContext;
import org.compliancebot.bot.app.BotModule;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ChangeSettings;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change requests and human oversight in the running bot: the workflow on the bot's database, the
 * {@code !cr} commands, decisions read from replies in the oversight room, the
 * notification queue posted through the outbox, and the timers.
 *
 * <p>Rooms come from the configuration: {@code rooms.human_oversight} (approval requests; the bot
 * must be a member) and {@code rooms.security_monitoring} (alerts; optional).
 */
public final class ChangeModule implements BotModule {
    private static final Logger log = LoggerFactory.getLogger(ChangeModule.class);

    private final SenderDeviceInfo devices;
    private final AlertSink alertSink;
    private final Duration tick;
    private ChangeStore store;
    private NotificationDispatcher dispatcher;
    private TimerDriver timers;

    /** Device facts from the decryption of each event, alerts posted as notices in the monitoring room. */
    public ChangeModule() {
        this(SenderDeviceInfo.FROM_ENCRYPTION, null, Duration.ofSeconds(1));
    }

    /**
     * @param devices how to learn the sending device of an event
     * @param alertSink where alerts go; null for a notice in {@code rooms.security_monitoring}
     * @param tick how often the timer thread looks for work
     */
    public ChangeModule(SenderDeviceInfo devices, AlertSink alertSink, Duration tick) {
        this.devices = devices;
        this.alertSink = alertSink;
        this.tick = tick;
    }

    @Override
    public String name() {
        return "change";
    }

    @Override
    public void start(BotContext ctx) {
        BotConfig config = ctx.config();
        UserId bot = ctx.session().userId();
        store = new ChangeStore(ctx.database(), ctx.clock(), bot, ChangeSettings.roleDirectory(config),
                ChangeSettings.approvalPolicy(config.change()), WorkflowPolicy.defaults(),
                ChangeSettings.timerPolicy(config.change()));
        RoomId oversight = room(ctx, config, "human_oversight").orElse(null);
        RoomId monitoring = room(ctx, config, "security_monitoring").orElse(null);
        if (oversight != null) {
            seedMembers(ctx, oversight);
        }
        AlertSink alerts = alertSink != null ? alertSink : new RoomAlertSink(ctx.database(), ctx.outbox(), monitoring);
        dispatcher = new NotificationDispatcher(store, ctx.outbox(), oversight, alerts);
        ctx.router().listener(new MembershipTracker(store.membership()));
        ctx.router().listener(new DecisionListener(store, ctx.outbox(), dispatcher, devices, bot));
        new ChangeCommands(store, dispatcher).register(ctx.router());
        timers = new TimerDriver(store, dispatcher, ctx.clock(), tick, Duration.ofMinutes(1));
        timers.start();
    }

    /** The store, for tools and tests; null before {@link #start}. */
    public ChangeStore store() {
        return store;
    }

    public TimerDriver timers() {
        return timers;
    }

    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void stop() {
        if (timers != null) {
            timers.close();
        }
    }

    private static Optional<RoomId> room(BotContext ctx, BotConfig config, String name) {
        String alias = config.rooms().get(name);
        if (alias == null) {
            log.info("No rooms.{} configured", name);
            return Optional.empty();
        }
        try {
            Optional<RoomId> id = ctx.client().resolveAlias(RoomAlias.of(alias));
            if (id.isEmpty()) {
                log.warn("rooms.{}: the alias {} does not exist", name, alias);
            }
            return id;
        } catch (MatrixException e) {
            log.warn("rooms.{}: cannot resolve {}: {}", name, alias, e.getMessage());
            return Optional.empty();
        }
    }

    /** The members joined before the bot started tracking the room; afterwards the sync stream keeps it current. */
    private void seedMembers(BotContext ctx, RoomId room) {
        if (store.membership().knows(room)) {
            return;
        }
        try {
            store.membership().seedIfUnknown(room, ctx.client().joinedMembers(room));
        } catch (MatrixException e) {
            log.warn("Cannot read the members of the oversight room {} (is the bot joined?): {}", room, e.getMessage());
        }
    }
}
