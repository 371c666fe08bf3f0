package io.regularity.deploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.regularity.deploy.bench.Session.HTTP;

/**
 * One map following a race's positions stream ({@code …/positions/stream}) as the dashboard does: for every car in every
 * {@code fixes} event, the fix's time (the car's clock, here this machine's) to the event's arrival here, the whole of
 * fix to map but the drawing. Only fixes taken in {@code [from, until)} (epoch ms) count.
 */
final class MapFollower {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run measured: the cars' moves delivered, and how long after their fix, p50 / p99 / max (ms). */
    record Delays(long moves, long p50Ms, long p99Ms, long maxMs) {

        @Override
        public String toString() {
            return moves + " moves, p50 " + p50Ms + " ms, p99 " + p99Ms + " ms, max " + maxMs + " ms";
        }
    }

    private final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile boolean stopping;

    private MapFollower(String url, long from, long until) {
        reader = new Thread(() -> read(url, from, until), "map-follower");
        reader.setDaemon(true);
    }

    /** Opens the stream and follows it until {@link #stop}. */
    static MapFollower follow(String url, long from, long until) {
        MapFollower follower = new MapFollower(url, from, until);
        follower.reader.start();
        return follower;
    }

    private void read(String url, long from, long until) {
        try {
            HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET()
                    .build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                Report.log("map follower: " + url + " answered " + response.statusCode());
                response.body().close();
                return;
            }
            lines = response.body();
            lines.forEach(line -> {
                if (!line.startsWith("data:")) {
                    return;
                }
                long now = System.currentTimeMillis();
                try {
                    for (JsonNode row : JSON.readTree(line.substring(5).trim())) {
                        long fixTime = row.get(4).asLong();
                        if (fixTime >= from && fixTime < until) {
                            delays.add(now - fixTime);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            if (!stopping) {
                Report.log("map follower stopped: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the stream (after a second for the last event) and says what it measured. */
    Delays stop() throws InterruptedException {
        Thread.sleep(1_500);
        stopping = true;
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
        reader.join(5_000);
        List<Long> sorted;
        synchronized (delays) {
            sorted = new ArrayList<>(delays);
        }
        Collections.sort(sorted);
        return new Delays(sorted.size(), Measures.percentile(sorted, 50), Measures.percentile(sorted, 99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    }
}
