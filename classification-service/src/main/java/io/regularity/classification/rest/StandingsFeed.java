package io.regularity.classification.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.service.StandingsService;
import io.regularity.support.Refusal;
import io.regularity.support.health.Workers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The live audience: {@code GET …/standings/stream}. Every subscriber of a standings page is a response in that
 * page's feed, and one ticker for the whole service looks at each followed page four times a second; when its race
 * changed (or 15 s went by, so a quiet race is told from a dead link) the page's bytes ({@link StandingsPages}) are
 * framed as one Server-Sent Event, once, and that same buffer is written to every subscriber's connection: ten
 * thousand followers cost one serialization and no copy per change in the service, and no thread each. A subscriber
 * whose connection cannot take more (a phone on a bad network) skips the lists it could not take and is sent the
 * latest one as soon as it can: an older list is worth nothing once a newer one exists.
 *
 * <p>The stream is served by a route in front of the REST resource; whatever it does not serve (a bad parameter, a
 * replay, an unknown race) goes on to {@link StandingsResource#stream}, which answers the same problems as every list.
 */
@ApplicationScoped
@Startup // its gauge exists before the first subscriber
public class StandingsFeed {

    static final long TICK_MILLIS = 250;
    static final long KEEPALIVE_NANOS = 15_000_000_000L;
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MOVED = "event:moved\ndata:".getBytes(StandardCharsets.US_ASCII);

    private final StandingsPages pages;
    private final StandingsService standings;
    private final ObjectMapper json;
    private final Map<FeedKey, Feed> feeds = new ConcurrentHashMap<>();

    /**
     * A followed page, whole at every change or {@code compact}: the whole page first, then at each change only the ranks
     * that moved (an event named {@code moved}), for a widget on a phone on a roadside network.
     */
    record FeedKey(StandingsPages.Key page, boolean compact) {
    }
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "standings-feed");
        t.setDaemon(true);
        return t;
    });

    /** One followed page: its subscribers, and what and when it last sent them. */
    private static final class Feed {
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final LongSupplier version;
        volatile long sentVersion;
        volatile long sentAt = System.nanoTime();
        /** The whole latest page as an event: what a subscriber that fell behind is sent when it can take more. */
        volatile Buffer last;
        /** A compact feed's rows as last sent, by car (or team), to tell what moved. */
        volatile Map<String, JsonNode> rows;

        Feed(LongSupplier version, long sentVersion) {
            this.version = version;
            this.sentVersion = sentVersion;
        }
    }

    /** A subscriber's connection; {@code behind} while it could not take the last event (it gets the latest on drain). */
    private static final class Subscriber {
        final HttpServerResponse response;
        boolean behind;

        Subscriber(HttpServerResponse response) {
            this.response = response;
        }

        /** Sends an event, or marks the subscriber behind when its connection is full. Under the subscriber's lock. */
        synchronized void send(Buffer event, Feed feed) {
            if (behind) {
                return; // the drain sends the latest
            }
            if (response.writeQueueFull()) {
                behind = true;
                response.drainHandler(v -> {
                    synchronized (this) {
                        behind = false;
                        Buffer latest = feed.last;
                        if (latest != null && !response.closed()) {
                            response.write(latest);
                        }
                    }
                });
                return;
            }
            response.write(event);
        }
    }

    public StandingsFeed(StandingsPages pages, StandingsService standings, MeterRegistry registry, ObjectMapper json, Workers workers) {
        this.pages = pages;
        this.standings = standings;
        // decimals as written: a score of 3.00 is sent as 3.00, as in the list
        this.json = json.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Gauge.builder("standings.sse.subscribers", () -> audience()[1])
                .description("live standings streams open on this instance").register(registry);
        // a tick that throws past its own catch (an Error) would end the ticking in silence: watched, liveness says so
        workers.watch("standings-feed", ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** The stream's route, in front of the REST resources (its first page may be computed: on a worker thread). */
    void routes(@Observes Router router) {
        router.get("/api/races/:raceId/standings/stream").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .blockingHandler(this::serve, false);
    }

    void serve(RoutingContext rc) {
        Optional<FeedKey> key = key(rc.pathParam("raceId"), rc.queryParams());
        Optional<LongSupplier> version = key.flatMap(k -> standings.version(k.page().raceId()));
        Optional<StandingsPages.Page> first = version.flatMap(v -> pages.page(key.get().page()));
        if (first.isEmpty()) {
            rc.next(); // the resource answers: a 400 naming the parameter, or a 404
            return;
        }
        HttpServerResponse response = rc.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        Subscriber subscriber = new Subscriber(response);
        synchronized (subscriber) { // a tick sending meanwhile waits for the first page to be out
            // joined atomically with the last subscriber's leaving, which drops the feed: never into a dropped feed
            Feed feed = feeds.compute(key.get(), (k, f) -> {
                Feed joined = f == null ? new Feed(version.get(), first.get().version()) : f;
                joined.subscribers.add(subscriber);
                return joined;
            });
            response.closeHandler(v -> leave(key.get(), feed, subscriber));
            response.exceptionHandler(e -> leave(key.get(), feed, subscriber));
            Buffer firstEvent = event(first.get());
            if (feed.last == null) {
                feed.last = firstEvent;
                if (key.get().compact()) {
                    feed.rows = rows(first.get());
                }
            }
            subscriber.send(firstEvent, feed);
            if (feed.sentVersion > first.get().version()) {
                subscriber.send(feed.last, feed); // a tick sent a newer list between the first page and joining the feed
            }
            if (response.closed()) {
                leave(key.get(), feed, subscriber);
            }
        }
    }

    /** The page a stream asks for, if it is one the stream serves: live, every parameter well formed and in bounds. */
    static Optional<FeedKey> key(String raceId, MultiMap query) {
        try {
            StandingsQuery asked = StandingsQuery.Params.of(query::get).query(query.get("compact"));
            return asked.replay().live() ? Optional.of(new FeedKey(asked.page(raceId), asked.compact())) : Optional.empty();
        } catch (RuntimeException invalid) {
            return Optional.empty(); // the resource answers it: a 400 naming the parameter
        }
    }

    /** A stream asked for a replay: it follows the live list only. */
    static Refusal replayRefused() {
        return Refusal.invalid("asOf", ClassificationPhrases.STREAM_LIVE_ONLY);
    }

    private void leave(FeedKey key, Feed feed, Subscriber subscriber) {
        feeds.computeIfPresent(key, (k, f) -> {
            feed.subscribers.remove(subscriber);
            return f.subscribers.isEmpty() ? null : f;
        });
    }

    /** A page framed as one Server-Sent Event: {@code data:} and the list's JSON (one line), then a blank line. */
    private static Buffer event(StandingsPages.Page page) {
        return Buffer.buffer(DATA.length + page.bytes().length + END.length).appendBytes(DATA).appendBytes(page.bytes()).appendBytes(END);
    }

    private void tick() {
        for (var entry : feeds.entrySet()) {
            Feed feed = entry.getValue();
            try {
                long version = feed.version.getAsLong();
                if (feed.subscribers.isEmpty() || version == feed.sentVersion && System.nanoTime() - feed.sentAt < KEEPALIVE_NANOS) {
                    continue;
                }
                Optional<StandingsPages.Page> page = pages.page(entry.getKey().page());
                feed.sentVersion = version;
                feed.sentAt = System.nanoTime();
                if (page.isPresent()) {
                    Buffer whole = event(page.get());
                    feed.last = whole;
                    Buffer event = entry.getKey().compact() ? moved(feed, page.get()) : whole;
                    for (Subscriber s : feed.subscribers) {
                        try {
                            s.send(event, feed);
                        } catch (RuntimeException gone) {
                            leave(entry.getKey(), feed, s); // closed meanwhile
                        }
                    }
                }
            } catch (RuntimeException e) {
                Log.warnf("standings feed of %s: %s (trying again at the next tick)", entry.getKey().page().raceId(), e.getMessage());
            }
        }
    }

    /** A page's JSON as a tree, its decimals as written (3.00 stays 3.00). */
    private JsonNode read(StandingsPages.Page page) {
        try {
            return json.readTree(page.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page's rows by car (a team's list: by team), as a compact feed compares them. */
    private Map<String, JsonNode> rows(StandingsPages.Page page) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode e : read(page).path("entries")) {
            rows.put(e.has("car") ? e.path("car").asText() : e.path("team").asText(), e);
        }
        return rows;
    }

    /**
     * A compact feed's event: {@code event: moved}, then the list's head (status, revision, the last trial, the total)
     * with only the rows that changed since the last event ({@code moved}) and the cars that left the page ({@code gone}).
     */
    private Buffer moved(Feed feed, StandingsPages.Page page) {
        JsonNode list;
        byte[] bytes;
        list = read(page);
        Map<String, JsonNode> now = rows(page);
        Map<String, JsonNode> before = feed.rows == null ? Map.of() : feed.rows;
        ObjectNode diff = json.createObjectNode();
        for (String field : List.of("raceId", "list", "status", "revision", "digest", "asOfTrial", "generatedAt", "total", "page", "size")) {
            if (list.has(field)) {
                diff.set(field, list.get(field));
            }
        }
        ArrayNode moved = diff.putArray("moved");
        now.forEach((id, row) -> {
            if (!row.equals(before.get(id))) {
                moved.add(row);
            }
        });
        ArrayNode gone = diff.putArray("gone");
        before.keySet().stream().filter(id -> !now.containsKey(id)).forEach(gone::add);
        feed.rows = now;
        try {
            bytes = json.writeValueAsBytes(diff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(MOVED.length + bytes.length + END.length).appendBytes(MOVED).appendBytes(bytes).appendBytes(END);
    }

    /** How many pages are followed, and by how many subscribers in all. */
    public int[] audience() {
        int subscribers = feeds.values().stream().mapToInt(f -> f.subscribers.size()).sum();
        return new int[] { feeds.size(), subscribers };
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        feeds.values().forEach(f -> f.subscribers.forEach(s -> {
            try {
                s.response.end();
            } catch (RuntimeException closed) {
                // gone already
            }
        }));
    }
}
