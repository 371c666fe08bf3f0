package io.regularity.classification.rest;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.regularity.classification.config.ClassificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How often one client may take the public export (a whole race's facts, streamed from a database cursor): at most
 * {@code regularity.export.per-client-per-minute} in a minute that starts with its first; then it is told how many
 * seconds to wait. Held in memory, per instance: it protects the database from one client, it is not a quota.
 */
@ApplicationScoped
public class ExportLimit {

    static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    record Window(long startNanos, AtomicInteger count) {
    }

    private final int perMinute;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    @Inject
    public ExportLimit(ClassificationConfig config) {
        this(config.export().perClientPerMinute(), Ticker.systemTicker());
    }

    public ExportLimit(int perMinute, Ticker ticker) {
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    }

    public int perMinute() {
        return perMinute;
    }

    /** Empty when {@code client} may export now (and counts it); otherwise the whole seconds until it may. */
    public OptionalLong retryAfter(String client) {
        long now = ticker.read();
        Window window = windows.get(client, k -> new Window(now, new AtomicInteger()));
        if (window.count().incrementAndGet() <= perMinute) {
            return OptionalLong.empty();
        }
        long left = window.startNanos() + MINUTE_NANOS - now;
        return OptionalLong.of(Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
    }
}
