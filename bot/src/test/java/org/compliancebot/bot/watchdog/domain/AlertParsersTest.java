package org.compliancebot.bot.watchdog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertParsersTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final SeverityMap severities = new SeverityMap(Map.of("sev1", Level.CRITICAL), Level.WARNING);

    private JsonNode json(String s) throws Exception {
        return mapper.readTree(s);
    }

    /** A payload as Alertmanager 0.27 sends it (webhook version 4). */
    static final String ALERTMANAGER = """
            {"receiver":"compliance-bot","status":"firing","alerts":[{"status":"firing",
             "labels":{"alertname":"DiskFull","instance":"db-1:9100","severity":"critical"},
             "annotations":{"summary":"Disk almost full on db-1","description":"Less than 5% free on /var","runbook_url":"https://runbooks.example/disk"},
             "startsAt":"2025-10-02T10:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=x",
             "fingerprint":"a1b2c3d4e5f60718"}],
             "groupLabels":{"alertname":"DiskFull"},"commonLabels":{"alertname":"DiskFull","severity":"critical"},
             "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}",
             "truncatedAlerts":0}
            """;

    @Test
    void alertmanagerVersion4IsRead() throws Exception {
        List<IncomingAlert> alerts = AlertParser.forType("alertmanager", severities).parse("prom", json(ALERTMANAGER));
        assertThat(alerts).hasSize(1);
        IncomingAlert a = alerts.get(0);
        assertThat(a.source()).isEqualTo("prom");
        assertThat(a.fingerprint()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(a.title()).isEqualTo("Disk almost full on db-1");
        assertThat(a.level()).isEqualTo(Level.CRITICAL);
        assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(a.description()).isEqualTo("Less than 5% free on /var");
        assertThat(a.links()).containsExactly("http://prometheus:9090/graph?g0.expr=x", "https://runbooks.example/disk");
        assertThat(a.labels()).containsEntry("instance", "db-1:9100");
    }

    @Test
    void alertmanagerProblemsNameTheField() throws Exception {
        AlertParser p = AlertParser.forType("alertmanager", severities);
        assertThatThrownBy(() -> p.parse("prom", json(ALERTMANAGER.replace("\"version\":\"4\"", "\"version\":\"3\""))))
                .isInstanceOf(AlertPayloadException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> p.parse("prom", json(ALERTMANAGER.replace("\"severity\":\"critical\"}", "\"severity\":\"urgent\"}"))))
                .isInstanceOf(AlertPayloadException.class).hasMessageContaining("alerts[0].labels.severity")
                .hasMessageContaining("urgent")
                .satisfies(e -> assertThat(((AlertPayloadException) e).kind()).isEqualTo(AlertPayloadException.Kind.UNKNOWN_LEVEL));
        assertThatThrownBy(() -> p.parse("prom", json("{\"version\":\"4\",\"alerts\":{}}")))
                .hasMessageContaining("alerts: must be an array");
        assertThatThrownBy(() -> p.parse("prom", json("{\"version\":\"4\",\"alerts\":[{\"status\":\"burning\",\"labels\":{\"alertname\":\"x\"}}]}")))
                .hasMessageContaining("alerts[0].status");
    }

    @Test
    void alertWithoutFingerprintIsIdentifiedByItsLabels() throws Exception {
        String body = "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"x\":\"1\"}},"
                + "{\"status\":\"resolved\",\"labels\":{\"x\":\"1\",\"alertname\":\"A\"}}]}";
        List<IncomingAlert> alerts = AlertParser.forType("alertmanager", severities).parse("prom", json(body));
        assertThat(alerts.get(0).fingerprint()).isEqualTo(alerts.get(1).fingerprint());
        assertThat(alerts.get(0).level()).isEqualTo(Level.WARNING);
    }

    @Test
    void grafanaPayloadIsRead() throws Exception {
        String body = """
                {"receiver":"bot","status":"firing","orgId":1,"alerts":[{"status":"firing","labels":{"alertname":"HighLatency","severity":"sev1"},
                 "annotations":{"summary":"p99 above 2 s"},"startsAt":"2025-10-02T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://grafana/alerting/1/edit","fingerprint":"f00d","silenceURL":"http://grafana/silence",
                 "dashboardURL":"http://grafana/d/1","panelURL":"http://grafana/d/1?viewPanel=2","values":{"A":2.5},"valueString":"A=2.5"}],
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://grafana/","version":"1",
                 "groupKey":"{}","truncatedAlerts":0,"title":"[FIRING:1] HighLatency","state":"alerting","message":"..."}
                """;
        IncomingAlert a = AlertParser.forType("grafana", severities).parse("graf", json(body)).get(0);
        assertThat(a.level()).isEqualTo(Level.CRITICAL);
        assertThat(a.title()).isEqualTo("p99 above 2 s");
        assertThat(a.links()).contains("http://grafana/d/1");
    }

    @Test
    void genericAlertFollowsItsSchema() throws Exception {
        AlertParser p = AlertParser.forType("generic", severities);
        IncomingAlert a = p.parse("ci", json("""
                {"source":"backup","fingerprint":"nightly-1","title":"Backup failed","level":"Critical","description":"exit 2",
                 "labels":{"host":"b1"},"links":["https://ci/1"]}""")).get(0);
        assertThat(a.level()).isEqualTo(Level.CRITICAL);
        assertThat(a.fingerprint()).isEqualTo("backup/nightly-1");
        assertThat(a.labels()).containsEntry("source", "backup").containsEntry("host", "b1");
        assertThatThrownBy(() -> p.parse("ci", json("{\"source\":\"s\",\"fingerprint\":\"f\",\"title\":\"t\",\"level\":\"severe\"}")))
                .hasMessageContaining("level").hasMessageContaining("severe");
        assertThatThrownBy(() -> p.parse("ci", json("{\"source\":\"s\",\"fingerprint\":\"f\",\"title\":\"t\",\"level\":\"warning\",\"colour\":\"red\"}")))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> p.parse("ci", json("{\"source\":\"s\",\"title\":\"t\",\"level\":\"warning\"}")))
                .hasMessageContaining("fingerprint: is required");
        assertThatThrownBy(() -> p.parse("ci", json("{\"source\":\"s\",\"fingerprint\":\"f\",\"title\":\"t\",\"level\":\"info\",\"labels\":{\"a\":1}}")))
                .hasMessageContaining("labels.a: must be a string");
    }

    @Test
    void severityMapHasLevelNamesDefaultsAndConfiguredEntries() {
        assertThat(severities.map("WARNING")).contains(Level.WARNING);
        assertThat(severities.map("page")).contains(Level.CRITICAL);
        assertThat(severities.map("sev1")).contains(Level.CRITICAL);
        assertThat(severities.map(null)).contains(Level.WARNING);
        assertThat(severities.map("urgent")).isEmpty();
    }
}
