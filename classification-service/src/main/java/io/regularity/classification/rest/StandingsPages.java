package io.regularity.classification.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.service.StandingsService;
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
    private final Map<Key, Page> pages = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
            return size() > MAX_PAGES;
        }
    });

    public StandingsPages(StandingsService standings, ObjectMapper json) {
        this.standings = standings;
        this.json = json;
    }

    /** Which page of which live list. */
    public record Key(String raceId, ListSpec spec, int page, int size) {
    }

    /** A page as sent: its bytes, its strong ETag, and the revision and digest of the facts behind it. */
    public record Page(long version, long madeAt, byte[] bytes, String etag, long revision, String digest) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The page now; empty for a race that does not exist. */
    public Optional<Page> page(Key key) {
        Optional<LongSupplier> version = standings.version(key.raceId());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        long v = version.get().getAsLong();
        Page cached = pages.get(key);
        if (cached != null && cached.version() == v && System.nanoTime() - cached.madeAt() < MAX_AGE_NANOS) {
            return Optional.of(cached);
        }
        Object list = key.spec().kind() == ListSpec.Kind.TEAMS ? standings.teams(key.raceId(), key.page(), key.size()).orElse(null)
                : standings.standings(key.raceId(), key.spec(), key.page(), key.size()).orElse(null);
        if (list == null) {
            return Optional.empty();
        }
        Page made = serialize(v, list);
        pages.put(key, made);
        return Optional.of(made);
    }

    private Page serialize(long version, Object list) {
        try {
            byte[] bytes = json.writeValueAsBytes(list);
            long revision = list instanceof StandingsService.Standings s ? s.revision() : ((StandingsService.TeamStandings) list).revision();
            String digest = list instanceof StandingsService.Standings s ? s.digest() : ((StandingsService.TeamStandings) list).digest();
            return new Page(version, System.nanoTime(), bytes, "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes), 0, 12) + "\"", revision, digest);
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

    /** How many pages are kept now (at most {@link #MAX_PAGES}). */
    public int size() {
        return pages.size();
    }
}
