package io.regularity.classification.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.Positions.Fix;
import io.regularity.classification.persistence.RaceStore;
import io.regularity.classification.service.LatestFixes;
import io.regularity.support.health.Workers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The map's live cars: {@code GET …/positions/stream}, a compact Server-Sent Event stream of the fixes ({@link LatestFixes}).
 * Once a second, one event named {@code fixes} carries the cars of the race whose latest fix is newer than what was last
 * sent, each once: {@code [[car, lat, lon, headingDeg, fixTimeMs], …]} (lat and lon to 6 decimals, about 0.1 m;
 * headingDeg null when the fix said none; fixTimeMs the fix's time in ms since the epoch, so a client measures fix to
 * map). So a car is sent at most once a second, however often it sends fixes. A subscriber is first sent every car with
 * a fix at most {@code regularity.positions.fix-max-age} old; one that could not take an event (a full connection) is sent
 * all of them again once it can. A comment line every 15 s when nothing moved tells a quiet race from a dead link. The
 * event is framed once and the same buffer written to every subscriber of the race.
 *
 * <p>Served by a route in front of the REST resource; an unknown race goes on to {@link PositionsResource#stream}, which
 * answers the 404 problem.
 */
@ApplicationScoped
@Startup
public class PositionsFeed {

    static final long TICK_MILLIS = 1000;
    static final long KEEPALIVE_NANOS = 15_000_000_000L;
    private static final byte[] FIXES = "event:fixes\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer KEEPALIVE = Buffer.buffer(":\n\n");

    private final LatestFixes latest;
    private final RaceStore races;
    private final ObjectMapper json;
    private final Duration maxAge;
    private final Timer delay;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "positions-feed");
        t.setDaemon(true);
        return t;
    });

    /** A followed race: its subscribers, the fix time last sent of each car, when something was last sent. */
    private static final class Feed {
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final Map<Integer, Instant> sent = new ConcurrentHashMap<>();
        volatile long sentAt = System.nanoTime();
    }

    /** A subscriber's connection; {@code behind} while it could not take the last event (it gets every car on drain). */
    private final class Subscriber {
        final HttpServerResponse response;
        final String raceId;
        boolean behind;

        Subscriber(HttpServerResponse response, String raceId) {
            this.response = response;
            this.raceId = raceId;
        }

        synchronized void send(Buffer event) {
            if (behind) {
                return;
            }
            if (response.writeQueueFull()) {
                behind = true;
                response.drainHandler(v -> {
                    synchronized (this) {
                        behind = false;
                        if (!response.closed()) {
                            Buffer all = event(fresh(raceId, Instant.now()));
                            if (all != null) {
                                response.write(all);
                            }
                        }
                    }
                });
                return;
            }
            response.write(event);
        }
    }

    public PositionsFeed(LatestFixes latest, RaceStore races, ObjectMapper json, ClassificationConfig config, MeterRegistry registry,
            Workers workers) {
        this.latest = latest;
        this.races = races;
        this.json = json;
        this.maxAge = config.positions().fixMaxAge();
        this.delay = Timer.builder("classification.positions.fix.delay")
                .description("from a fix's time (the car's clock) to its sending on the positions stream: the server's part of fix to map")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry);
        Gauge.builder("classification.positions.sse.subscribers", () -> feeds.values().stream().mapToInt(f -> f.subscribers.size()).sum())
                .description("live positions streams open on this instance").register(registry);
        Gauge.builder("classification.positions.cars", latest::size).description("cars whose latest fix is held (every race)")
                .register(registry);
        workers.watch("positions-feed", ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** The stream's route, in front of the REST resources (knowing the race may read the database: a worker thread). */
    void routes(@Observes Router router) {
        router.get("/api/races/:raceId/positions/stream").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).blockingHandler(this::serve, false);
    }

    void serve(RoutingContext rc) {
        String raceId = rc.pathParam("raceId");
        boolean known;
        try {
            known = races.race(raceId).isPresent();
        } catch (RuntimeException unreadable) {
            known = false; // an id the door refuses: the resource answers it with the same problem as every read
        }
        if (!known) {
            rc.next(); // the resource answers the 404 (or the 400 naming raceId)
            return;
        }
        HttpServerResponse response = rc.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        Subscriber subscriber = new Subscriber(response, raceId);
        synchronized (subscriber) {
            List<Fix> placed = fresh(raceId, Instant.now());
            Feed feed = feeds.compute(raceId, (k, f) -> {
                Feed joined = f;
                if (joined == null) { // the race's first subscriber is sent these now: the ticks go on from them, not timing them again
                    joined = new Feed();
                    for (Fix fix : placed) {
                        joined.sent.put(fix.car(), fix.time());
                    }
                }
                joined.subscribers.add(subscriber);
                return joined;
            });
            response.closeHandler(v -> leave(raceId, feed, subscriber));
            response.exceptionHandler(e -> leave(raceId, feed, subscriber));
            Buffer first = event(placed);
            // every subscriber hears at once that the stream is there, with the cars placed by a fix if any
            subscriber.send(first != null ? first : Buffer.buffer(FIXES.length + 2 + END.length).appendBytes(FIXES).appendString("[]")
                    .appendBytes(END));
            if (response.closed()) {
                leave(raceId, feed, subscriber);
            }
        }
    }

    private void leave(String raceId, Feed feed, Subscriber subscriber) {
        feeds.computeIfPresent(raceId, (k, f) -> {
            feed.subscribers.remove(subscriber);
            return f.subscribers.isEmpty() ? null : f;
        });
    }

    /** Every car of the race whose latest fix is at most the maximum age old, by car. */
    List<Fix> fresh(String raceId, Instant now) {
        Instant oldest = now.minus(maxAge);
        return latest.of(raceId).values().stream().filter(f -> !f.time().isBefore(oldest)).sorted(Comparator.comparingInt(Fix::car)).toList();
    }

    /** The fixes as one {@code fixes} event, or null when there are none. */
    Buffer event(List<Fix> fixes) {
        if (fixes.isEmpty()) {
            return null;
        }
        ArrayNode rows = json.createArrayNode();
        for (Fix f : fixes) {
            ArrayNode row = rows.addArray().add(f.car()).add(Math.round(f.lat() * 1e6) / 1e6).add(Math.round(f.lon() * 1e6) / 1e6);
            if (f.headingDeg() == null) {
                row.addNull();
            } else {
                row.add(Math.round(f.headingDeg() * 10) / 10.0);
            }
            row.add(f.time().toEpochMilli());
        }
        try {
            byte[] bytes = json.writeValueAsBytes(rows);
            return Buffer.buffer(FIXES.length + bytes.length + END.length).appendBytes(FIXES).appendBytes(bytes).appendBytes(END);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tick() {
        Instant now = Instant.now();
        try {
            latest.forgetBefore(now.minus(maxAge));
        } catch (RuntimeException e) {
            Log.warnf("positions feed: could not drop old fixes (%s)", e.getMessage());
        }
        for (var entry : feeds.entrySet()) {
            Feed feed = entry.getValue();
            try {
                List<Fix> moved = new ArrayList<>();
                for (Fix f : fresh(entry.getKey(), now)) {
                    Instant before = feed.sent.get(f.car());
                    if (before == null || f.time().isAfter(before)) {
                        moved.add(f);
                    }
                }
                feed.sent.keySet().retainAll(latest.of(entry.getKey()).keySet());
                Buffer event = event(moved);
                if (event == null) {
                    if (System.nanoTime() - feed.sentAt >= KEEPALIVE_NANOS) {
                        feed.sentAt = System.nanoTime();
                        sendAll(entry.getKey(), feed, KEEPALIVE);
                    }
                    continue;
                }
                moved.forEach(f -> {
                    feed.sent.put(f.car(), f.time());
                    Duration d = Duration.between(f.time(), now);
                    if (!d.isNegative()) {
                        delay.record(d);
                    }
                });
                feed.sentAt = System.nanoTime();
                sendAll(entry.getKey(), feed, event);
            } catch (RuntimeException e) {
                Log.warnf("positions feed of %s: %s (trying again at the next tick)", entry.getKey(), e.getMessage());
            }
        }
    }

    private void sendAll(String raceId, Feed feed, Buffer event) {
        for (Subscriber s : feed.subscribers) {
            try {
                s.send(event);
            } catch (RuntimeException gone) {
                leave(raceId, feed, s);
            }
        }
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
