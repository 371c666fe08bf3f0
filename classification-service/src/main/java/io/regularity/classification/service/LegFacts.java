package io.regularity.classification.service;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.LegResult;
import io.regularity.classification.domain.PassageFact;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one cache of the write side: for each recently scored crew's leg, the passages it was scored from and the result
 * written for it, so that a batch scores a leg from them and the batch's own new passages instead of reading the leg
 * again, and writes only the trials whose result changed. Each copy is trusted only while the leg's stored result
 * carries the stamp the copy was taken at: every change of a leg's passages, by any instance, is scored in the
 * transaction that makes it and gives the leg's row a new random stamp (see {@code ResultStore.Stored#stamp}), and a
 * transaction rolled back leaves a stamp that is never stored. So a copy is never wrong, at worst unused; the database
 * stays the source of truth, and an instance started afresh reads each leg once, the first time a batch touches it.
 *
 * <p>At most {@code regularity.scoring.cached-passages} in weight (a passage 1, a trial result 2; the least recently used
 * legs go); the metric
 * {@code classification_leg_facts_total{found="memory"|"database"}} counts where scored legs came from.
 */
@ApplicationScoped
public class LegFacts {

    record Key(String raceId, int car, int leg) {
    }

    /** A leg as scored and written at a stamp: the passages it was scored from, and its result. */
    record Copy(long stamp, List<PassageFact> passages, LegResult result) {
    }

    private final Cache<Key, Copy> copies;
    private final Counter fromMemory;
    private final Counter fromDatabase;

    public LegFacts(ClassificationConfig config, MeterRegistry registry) {
        long max = config.scoring().cachedPassages();
        // weighed, not counted by legs: a leg of a longer race (or one with more laps) holds more. A passage weighs 1, a
        // trial result 2 (about 100 and 250 bytes): a leg with no passage yet still weighs its trials
        this.copies = Caffeine.newBuilder().maximumWeight(max)
                .weigher((Key key, Copy copy) -> Math.max(1, copy.passages().size() + 2 * copy.result().trials().size())).build();
        this.fromMemory = Counter.builder("classification.leg.facts").tag("found", "memory")
                .description("crews' legs scored, by where their passages came from").register(registry);
        this.fromDatabase = Counter.builder("classification.leg.facts").tag("found", "database")
                .description("crews' legs scored, by where their passages came from").register(registry);
    }

    /** The leg as scored if a copy was taken at {@code stamp}, the leg's stored stamp; null otherwise. */
    Copy get(String raceId, int car, int leg, Long stamp) {
        Copy copy = stamp == null ? null : copies.getIfPresent(new Key(raceId, car, leg));
        return copy != null && copy.stamp() == stamp ? copy : null;
    }

    /** Keeps a copy of a leg: the passages its result was just scored from, and the result, stored with {@code stamp}. */
    void put(String raceId, int car, int leg, long stamp, List<PassageFact> passages, LegResult result) {
        copies.put(new Key(raceId, car, leg), new Copy(stamp, List.copyOf(passages), result));
    }

    /** Drops the copies of a race (its derived rows are being thrown away: the copies could not be used again). */
    void forget(String raceId) {
        copies.asMap().keySet().removeIf(k -> k.raceId().equals(raceId));
    }

    void counted(int inMemory, int read) {
        fromMemory.increment(inMemory);
        fromDatabase.increment(read);
    }
}
