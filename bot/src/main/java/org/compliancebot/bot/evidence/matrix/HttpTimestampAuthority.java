package org.compliancebot.bot.evidence.matrix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.compliancebot.bot.evidence.TimestampAuthority;

/** The RFC 3161 HTTP transport: POST the query as {@code application/timestamp-query} to the TSA's URL. */
public final class HttpTimestampAuthority implements TimestampAuthority {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;

    public HttpTimestampAuthority(URI url) {
        this.url = url;
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        try {
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new IOException("the TSA at " + url + " answered HTTP " + resp.statusCode());
            }
            return resp.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the TSA", e);
        }
    }

    @Override
    public String toString() {
        return "HttpTimestampAuthority[" + url + "]";
    }
}
