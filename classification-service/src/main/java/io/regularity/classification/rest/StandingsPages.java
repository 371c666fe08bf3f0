package io.regularity.classification.rest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.rest.view.ListViews;
import io.regularity.classification.rest.view.ListViews.Provenance;
import io.regularity.classification.service.StandingsService;
import io.regularity.classification.service.StandingsService.Replay;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live standings pages as the bytes readers get: serialized once per change of the race, not once per reader,
 * with a strong {@code ETag} (a hash of those bytes) for {@code If-None-Match}. The same bytes feed every SSE
 * subscriber of the page ({@link StandingsFeed}). A page is served again for at most
 * {@link #MAX_AGE_NANOS}, like the lists behind it, in case a change notification is late; at most
 * {@link #MAX_PAGES} pages are kept.
 */
@ApplicationScoped
public class StandingsPages {

    static final long MAX_AGE_NANOS = 500_000_000L;
    static final int MAX_PAGES = 1024;

    private final StandingsService standings;
    private final ObjectMapper json;
    private final Cache<Key, Page> pages = Caffeine.newBuilder().maximumSize(MAX_PAGES).build();

    public StandingsPages(StandingsService standings, ObjectMapper json) {
        this.standings = standings;
        this.json = json;
    }

    /** Which page of which live list. */
    public record Key(String raceId, ListSpec spec, int page, int size) {
    }

    /** A page as sent: its bytes, its strong ETag, and the revision and digest of the facts behind it. */
    public record Page(long version, long madeAt, byte[] bytes, String etag, long revision, String digest) {
    }

    /**
     * The page now; empty for a race that does not exist. One reader makes a page that is missing or out of date;
     * the others meanwhile get the page they would have had a moment ago if the race has not changed since (it
     * was only old), or wait for the one being made: a thousand readers arriving as a page expires cost one query,
     * not a thousand.
     */
    public Optional<Page> page(Key key) {
        Optional<LongSupplier> version = standings.version(key.raceId());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        long v = version.get().getAsLong();
        Page cached = pages.getIfPresent(key);
        if (cached != null && cached.version() == v && System.nanoTime() - cached.madeAt() < MAX_AGE_NANOS) {
            return Optional.of(cached);
        }
        CompletableFuture<Page> mine = new CompletableFuture<>();
        CompletableFuture<Page> making = inFlight.putIfAbsent(key, mine);
        if (making != null) {
            return Optional.ofNullable(cached != null && cached.version() == v ? cached : awaited(making));
        }
        try {
            Page made = standings.list(key.raceId(), key.spec(), Replay.LIVE).map(list -> serialize(v, ListViews.page(list, key.page(),
                    key.size()))).orElse(null);
            this.made.incrementAndGet();
            if (made != null) {
                pages.put(key, made);
            }
            mine.complete(made);
            return Optional.ofNullable(made);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Page awaited(CompletableFuture<Page> making) {
        try {
            return making.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e; // the maker's own error: a 400 stays a 400
        }
    }

    /** The pages being made now, each by one reader. */
    private final Map<Key, CompletableFuture<Page>> inFlight = new ConcurrentHashMap<>();

    private Page serialize(long version, Provenance list) {
        try {
            byte[] bytes = json.writeValueAsBytes(list);
            Provenance from = list;
            return new Page(version, System.nanoTime(), bytes, "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes), 0, 12) + "\"", from.revision(), from.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an {@code If-None-Match} header names this ETag (or is {@code *}): the client has these bytes. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.startsWith("W/") && t.substring(2).equals(etag)) {
                return true; // If-None-Match compares weakly (RFC 9110, 13.1.2)
            }
        }
        return false;
    }

    private final AtomicLong made = new AtomicLong();

    /** How many times a page was made (queried and serialized) since start. */
    public long made() {
        return made.get();
    }

    /** How many pages are kept now (at most {@link #MAX_PAGES}). */
    public int size() {
        pages.cleanUp();
        return (int) pages.estimatedSize();
    }
}
