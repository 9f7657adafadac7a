package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.compliancebot.bot.app.BotContext;
import org.compliancebot.bot.app.BotModule;
import org.compliancebot.bot.change.matrix.ChangeModule;
import org.compliancebot.bot.change.matrix.NotificationDispatcher;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.config.HttpConfig;
import org.compliancebot.bot.evidence.matrix.EvidenceModule;
import org.compliancebot.bot.http.HttpServerModule;
import org.compliancebot.bot.http.service.ServiceRegistry;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.matrix.IncidentModule;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bridge.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the features to each other and to the HTTP face, once they have started: the REST and MCP
 * services for incidents, change requests, approvals and the evidence log; the watchdog's incident trigger for Critical
 * alerts, its feed of pending approvals and the crypto-store probe; the incident and approval metrics.
 * Start it after the incident, change and evidence modules (it reads their services); a module that is absent
 * leaves its routes answering 503 and its metrics out.
 */
public final class ServiceWiring implements BotModule {
    private static final Logger log = LoggerFactory.getLogger(ServiceWiring.class);

    private final IncidentModule incidents;
    private final ChangeModule changes;
    private final EvidenceModule evidence;

    /** Either module may be null when the bot runs without it. */
    public ServiceWiring(IncidentModule incidents, ChangeModule changes) {
        this(incidents, changes, null);
    }

    /** Any module may be null when the bot runs without it. */
    public ServiceWiring(IncidentModule incidents, ChangeModule changes, EvidenceModule evidence) {
        this.incidents = incidents;
        this.changes = changes;
        this.evidence = evidence;
    }

    @Override
    public String name() {
        return "wiring";
    }

    @Override
    public void start(BotContext ctx) {
        IncidentService incidentService = incidents == null ? null : incidents.service();
        ChangeStore changeStore = changes == null ? null : changes.store();
        ApprovalRecords approvals = changeStore == null ? null : new ApprovalRecords(changeStore);
        HttpServerModule http = ctx.http();
        if (http != null) {
            bind(http.services(), ctx.config().http(), ctx.config().homeserver().serverName(), ctx.clock(), incidentService,
                    changeStore, changes == null ? null : changes.dispatcher(), ctx.outbox());
            http.addMetrics(new ServiceMetrics(incidentService, approvals));
            if (evidence != null && evidence.ledger() != null) {
                bindEvidence(http.services(), ctx.config().http(), evidence);
                http.addMetrics(new EvidenceMetrics(ctx.database(), ctx.clock()));
            }
        }
        WatchdogModule watchdog = ctx.watchdog();
        if (watchdog != null) {
            if (approvals != null) {
                watchdog.selfChecks().setPendingApprovals(approvals);
            }
            if (incidentService != null) {
                watchdog.poster().setIncidentTrigger(new AlertIncidentTrigger(incidentService));
            }
            if (ctx.e2ee() != null) {
                watchdog.addProbe(new CryptoStoreProbe(ctx.e2ee()));
            }
        }
        log.atInfo().addKeyValue("incidents", incidentService != null).addKeyValue("evidence", evidence != null).addKeyValue("changes", changeStore != null)
                .addKeyValue("http", http != null).addKeyValue("watchdog", watchdog != null).log("Services connected");
    }

    /**
     * Registers the evidence log behind {@code /api/v1/evidence*} and the MCP tools
     * {@code matrix.extract_room_evidence} and {@code matrix.search_compliance_discussions}; {@code evidence}
     * must have started.
     */
    public static void bindEvidence(ServiceRegistry registry, HttpConfig httpConfig, EvidenceModule evidence) {
        registry.evidence(new EvidenceApiAdapter(evidence, new ApiIdentities(httpConfig), new ObjectMapper()));
    }

    /**
     * Registers the services behind the REST and MCP routes. Any of the services may be null (its routes
     * keep answering 503); {@code dispatcher} and {@code outbox} may be null when nothing is posted.
     */
    public static void bind(ServiceRegistry registry, HttpConfig httpConfig, String serverName, Clock clock,
                            IncidentService incidentService, ChangeStore changeStore, NotificationDispatcher dispatcher,
                            Outbox outbox) {
        ObjectMapper mapper = new ObjectMapper();
        ApiIdentities identities = new ApiIdentities(httpConfig);
        if (incidentService != null) {
            IncidentJson json = new IncidentJson(mapper, serverName);
            registry.incidents(new IncidentApiAdapter(incidentService, identities, json, mapper, clock));
            registry.incidentOpener(new McpIncidentOpener(incidentService, identities, json));
        }
        if (changeStore != null) {
            ChangeWork work = new ChangeWork(changeStore, dispatcher);
            registry.changes(new ChangeApiAdapter(work, identities, mapper));
            registry.approvals(new ApprovalApiAdapter(work, new ApprovalRecords(changeStore), identities, outbox, mapper));
        }
    }
}
