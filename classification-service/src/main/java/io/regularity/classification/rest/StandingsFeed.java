package io.regularity.classification.rest;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.quarkus.logging.Log;
import io.regularity.classification.service.StandingsService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live audience: every SSE subscriber of a standings page is an emitter in that page's feed, and one ticker
 * for the whole service looks at each followed page four times a second; when its race changed (or 15 s went by,
 * so a quiet race is told from a dead link) the page is serialized once ({@link StandingsPages}) and the same
 * text is handed to every subscriber. Ten thousand followers cost one serialization per change, not ten thousand,
 * and no thread each.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its gauge exists before the first subscriber
public class StandingsFeed {

    static final long TICK_MILLIS = 250;
    static final long KEEPALIVE_NANOS = 15_000_000_000L;

    private final StandingsPages pages;
    private final StandingsService standings;
    private final Map<StandingsPages.Key, Feed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "standings-feed");
        t.setDaemon(true);
        return t;
    });

    /** One followed page: its subscribers, and what and when it last sent them. */
    private static final class Feed {
        final Set<MultiEmitter<? super String>> subscribers = ConcurrentHashMap.newKeySet();
        final LongSupplier version;
        volatile long sentVersion;
        volatile long sentAt = System.nanoTime();

        Feed(LongSupplier version) {
            this.version = version;
            this.sentVersion = version.getAsLong();
        }
    }

    public StandingsFeed(StandingsPages pages, StandingsService standings, io.micrometer.core.instrument.MeterRegistry registry) {
        this.pages = pages;
        this.standings = standings;
        io.micrometer.core.instrument.Gauge.builder("standings.sse.subscribers", () -> audience()[1])
                .description("live standings streams open on this instance").register(registry);
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A subscriber's stream: the page as it is now, then again whenever it changes. Empty for no race. */
    public Optional<Multi<String>> follow(StandingsPages.Key key) {
        Optional<LongSupplier> version = standings.version(key.raceId());
        Optional<StandingsPages.Page> first = pages.page(key);
        if (version.isEmpty() || first.isEmpty()) {
            return Optional.empty();
        }
        // a slow reader keeps only the latest page: an older list is worth nothing once a newer one exists
        return Optional.of(Multi.createFrom().<String>emitter(emitter -> {
            Feed feed = feeds.computeIfAbsent(key, k -> new Feed(version.get()));
            emitter.emit(first.get().text());
            feed.subscribers.add(emitter);
            emitter.onTermination(() -> {
                feed.subscribers.remove(emitter);
                feeds.computeIfPresent(key, (k, f) -> f.subscribers.isEmpty() ? null : f);
            });
        }, io.smallrye.mutiny.subscription.BackPressureStrategy.LATEST));
    }

    private void tick() {
        for (var entry : feeds.entrySet()) {
            Feed feed = entry.getValue();
            try {
                long version = feed.version.getAsLong();
                if (feed.subscribers.isEmpty() || version == feed.sentVersion && System.nanoTime() - feed.sentAt < KEEPALIVE_NANOS) {
                    continue;
                }
                Optional<StandingsPages.Page> page = pages.page(entry.getKey());
                feed.sentVersion = version;
                feed.sentAt = System.nanoTime();
                if (page.isPresent()) {
                    String text = page.get().text();
                    feed.subscribers.forEach(s -> s.emit(text));
                }
            } catch (RuntimeException e) {
                Log.warnf("standings feed of %s: %s (trying again at the next tick)", entry.getKey().raceId(), e.getMessage());
            }
        }
    }

    /** How many pages are followed, and by how many subscribers in all. */
    public int[] audience() {
        int subscribers = feeds.values().stream().mapToInt(f -> f.subscribers.size()).sum();
        return new int[] { feeds.size(), subscribers };
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        feeds.values().forEach(f -> f.subscribers.forEach(MultiEmitter::complete));
    }
}
