package io.regularity.classification.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.regularity.classification.domain.Positions.Fix;
import io.regularity.classification.events.FixEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each car's latest fix, by race, in memory: derived state, rebuilt from the topic {@code fixes} at every start (it is read
 * from {@code regularity.positions.fix-max-age} back, docs/architecture.md "The map's fixes"), never written to the
 * database. A fix replaces the one held only when it is newer (by its time): a fix sent late, or read again, changes
 * nothing. 420 cars are 420 small entries; fixes too old to place a car are dropped ({@link #forgetBefore}).
 */
@ApplicationScoped
public class LatestFixes {

    private final Map<String, Map<Integer, Fix>> races = new ConcurrentHashMap<>();

    /** Keeps a usable fix event if it is the car's newest; true when it was kept. */
    public boolean offer(FixEvent event) {
        Fix fix = new Fix(event.car(), event.time(), event.lat(), event.lon(), event.speedMs(), event.headingDeg(), event.accuracyM(),
                event.receivedAt());
        boolean[] kept = { false };
        races.computeIfAbsent(event.raceId(), k -> new ConcurrentHashMap<>()).compute(fix.car(), (car, held) -> {
            if (held == null || fix.time().isAfter(held.time())) {
                kept[0] = true;
                return fix;
            }
            return held;
        });
        return kept[0];
    }

    /** A race's latest fixes by car (a live view; empty when none of its cars sent one lately). */
    public Map<Integer, Fix> of(String raceId) {
        Map<Integer, Fix> fixes = races.get(raceId);
        return fixes == null ? Map.of() : fixes;
    }

    /** Drops the fixes older than {@code cutoff} (they place no car any more) and the races left with none. */
    public void forgetBefore(Instant cutoff) {
        races.forEach((race, fixes) -> {
            fixes.values().removeIf(f -> f.time().isBefore(cutoff));
            races.computeIfPresent(race, (k, f) -> f.isEmpty() ? null : f);
        });
    }

    /** How many cars' fixes are held, over all races. */
    public int size() {
        return races.values().stream().mapToInt(Map::size).sum();
    }
}
