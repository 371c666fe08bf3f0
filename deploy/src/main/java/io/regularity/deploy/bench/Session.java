package io.regularity.deploy.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;

import io.regularity.deploy.Api;
import io.regularity.deploy.Stack;

/** How the benchmark talks to the stack: its HTTP client, race direction's calls and a timekeeper's token. */
final class Session {

    /**
     * HTTP/1.1, a connection per concurrent request, as separate timing posts have: the JDK client's
     * default (HTTP/2 over one upgraded connection) would funnel every device through one connection.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    static Api rd;
    static String tkToken;

    private Session() {
    }

    static void open(Stack stack) throws IOException {
        rd = stack.raceDirection();
        tkToken = "Bearer " + Files.readString(stack.tokenDir().resolve("timekeeper.jwt")).trim();
    }
}
