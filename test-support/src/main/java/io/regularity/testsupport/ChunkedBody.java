package io.regularity.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A body sent as a client streams it: chunked, with no {@code Content-Length}, so the server learns its size only while
 * it reads it (what a limit checked on the header alone lets through).
 */
public final class ChunkedBody {

    private ChunkedBody() {
    }

    /** Sends {@code body} chunked ({@code POST}, {@code PUT}) with a bearer token and a content type; the answer, status and body. */
    public static HttpResponse<String> send(String method, String url, String authorization, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
