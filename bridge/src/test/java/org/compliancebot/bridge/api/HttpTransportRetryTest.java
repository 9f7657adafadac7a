package org.compliancebot.bridge.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.id.RoomId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry rules under faults a real server will not produce on demand: 429s, 5xx and dropped connections. */
class HttpTransportRetryTest {
    private WireMockServer wm;
    private final List<Duration> sleeps = new ArrayList<>();
    private MatrixClient client;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        HttpTransport t = new HttpTransport("http://127.0.0.1:" + wm.port(), new ObjectMapper(), sleeps::add);
        t.setAccessToken("secret-token");
        client = new MatrixClient(t, new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void honoursRetryAfterMsOn429AndReusesTheTransactionId() {
        wm.stubFor(put(urlPathMatching("/_matrix/client/v3/rooms/.*/send/.*")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody("{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":1234}"))
                .willSetStateTo("ok"));
        wm.stubFor(put(urlPathMatching("/_matrix/client/v3/rooms/.*/send/.*")).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"event_id\":\"$abc\"}")));

        var id = client.sendEvent(RoomId.of("!r:x"), "m.room.message", new ObjectMapper().createObjectNode().put("body", "hi"), "txn-1");

        assertThat(id.value()).isEqualTo("$abc");
        assertThat(sleeps).containsExactly(Duration.ofMillis(1234));
        wm.verify(2, putRequestedFor(urlPathMatching(".*/send/m.room.message/txn-1")));
    }

    @Test
    void honoursRetryAfterHeaderWhenTheBodyHasNoDelay() {
        wm.stubFor(get(anyUrl()).inScenario("h").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("{\"errcode\":\"M_LIMIT_EXCEEDED\"}"))
                .willSetStateTo("ok"));
        wm.stubFor(get(anyUrl()).inScenario("h").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"user_id\":\"@bot:x\"}")));

        assertThat(client.whoami().value()).isEqualTo("@bot:x");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retries5xxAndDroppedConnectionsWithCappedBackoff() {
        wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("drop"));
        wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("drop")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"user_id\":\"@bot:x\"}")));

        assertThat(client.whoami().value()).isEqualTo("@bot:x");
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void doesNotRetryOther4xxAndMapsTheErrcode() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"errcode\":\"M_FORBIDDEN\",\"error\":\"no\"}")));

        assertThatThrownBy(() -> client.whoami())
                .isInstanceOfSatisfying(MatrixException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(ErrCode.M_FORBIDDEN);
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain("secret-token");
                });
        assertThat(sleeps).isEmpty();
        wm.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.whoami()).isInstanceOf(MatrixException.class);
        wm.verify(5, getRequestedFor(anyUrl()));
    }

    @Test
    void unknownErrcodeKeepsTheRawString() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{\"errcode\":\"ORG_EXAMPLE_ODD\"}")));
        assertThatThrownBy(() -> client.getJson("/x", Map.of()))
                .isInstanceOfSatisfying(MatrixException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(ErrCode.UNRECOGNISED_CODE);
                    assertThat(e.rawErrCode()).isEqualTo("ORG_EXAMPLE_ODD");
                });
    }

    @Test
    void tokenTravelsOnlyInTheHeader() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"user_id\":\"@bot:x\"}")));
        client.whoami();
        var req = wm.getAllServeEvents().get(0).getRequest();
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer secret-token");
        assertThat(req.getUrl()).doesNotContain("secret-token");
    }

    @Test
    void sessionToStringHidesTheToken() {
        Session s = new Session(org.compliancebot.bridge.id.UserId.of("@bot:x"), org.compliancebot.bridge.id.DeviceId.of("D"), "syt_secret");
        assertThat(s.toString()).doesNotContain("syt_secret");
    }
}
