package io.regularity.deploy.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.Api;

/**
 * How good timing's GPS crossings are (issue 39, Measured): each car's true crossing of each virtual line (the simulator
 * drove the car, {@link GpsFeed#truths}) against the passage timing measured from its noisy fixes ({@code source: GPS}).
 * A true crossing is <b>found</b> when the car has a GPS passage at that point; the one that counts is the earliest (a
 * road leg's rule), its <b>error</b> its official time (time + clockOffsetMs) less the true one. The passage says how
 * good it is ({@code precisionMs}, {@code clockUncertaintyMs}): the share of crossings whose true time lies within
 * {@code precisionMs + clockUncertaintyMs} of it says whether that is honest (aim: at least 95 %).
 */
public final class GpsMeasure {

    /** A GPS passage as timing lists it. */
    public record Measured(UUID id, int car, String point, Instant at, String device, Double precisionMs, Double clockUncertaintyMs,
            Instant receivedAt, JsonNode evidence) {

        /** The passage as the Referee scores it (a crossing at its official time, clock offset folded in). */
        public RaceFeed.Crossing crossing() {
            return new RaceFeed.Crossing(id, car, point, at, device, 0, receivedAt);
        }

        /** What the passage says its time may be off by, ms (an unknown part counts as nothing). */
        public double uncertaintyMs() {
            return (precisionMs == null ? 0 : precisionMs) + (clockUncertaintyMs == null ? 0 : clockUncertaintyMs);
        }
    }

    /**
     * The measure: {@code truths} true crossings, {@code found} of them with a GPS passage, {@code repeated} of those with
     * more than one, {@code extra} GPS passages where the car never crossed; of the found, |error| p50, p95 and max (ms),
     * and how many lay within the passage's own uncertainty.
     */
    public record Result(String rate, int truths, int found, int repeated, int extra, double p50Ms, double p95Ms, double maxMs,
            double meanErrorMs, int within) {

        public int missing() {
            return truths - found;
        }

        /** The share of found crossings whose true time lies within the passage's uncertainty, in %. */
        public double withinPercent() {
            return found == 0 ? 0 : 100.0 * within / found;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GPS crossings at %s: %d true crossings of the virtual lines; %d found (%d more than once), "
                    + "%d missing, %d where no car crossed; |error| against the truth p50 %.0f ms, p95 %.0f ms, max %.0f ms (mean error "
                    + "%+.1f ms); the true time within precisionMs + clockUncertaintyMs: %.1f %% (aim ≥ 95 %%)", rate, truths, found, repeated,
                    missing(), extra, p50Ms, p95Ms, maxMs, meanErrorMs, withinPercent());
        }
    }

    private GpsMeasure() {
    }

    /** The measure of {@code passages} against {@code truths}. */
    public static Result of(String rate, List<GpsFeed.Truth> truths, Collection<Measured> passages) {
        Map<String, List<Measured>> byKey = new HashMap<>();
        for (Measured m : passages) {
            byKey.computeIfAbsent(m.car() + "|" + m.point(), k -> new ArrayList<>()).add(m);
        }
        int found = 0;
        int repeated = 0;
        int within = 0;
        double sum = 0;
        List<Double> errors = new ArrayList<>();
        int matched = 0;
        for (GpsFeed.Truth truth : truths) {
            List<Measured> mine = byKey.get(truth.car() + "|" + truth.point());
            if (mine == null || mine.isEmpty()) {
                continue;
            }
            matched += mine.size();
            found++;
            if (mine.size() > 1) {
                repeated++;
            }
            Measured counted = mine.stream().min(Comparator.comparing(Measured::at)).orElseThrow();
            double error = Duration.between(truth.at(), counted.at()).toNanos() / 1e6;
            errors.add(Math.abs(error));
            sum += error;
            if (Math.abs(error) <= counted.uncertaintyMs()) {
                within++;
            }
        }
        errors.sort(null);
        return new Result(rate, truths.size(), found, repeated, passages.size() - matched, percentile(errors, 50), percentile(errors, 95),
                errors.isEmpty() ? 0 : errors.get(errors.size() - 1), found == 0 ? 0 : sum / found, within);
    }

    /** The passages at a car and point with no true crossing (the {@code extra} of {@link #of}), to look at one by one. */
    public static List<Measured> unmatched(List<GpsFeed.Truth> truths, Collection<Measured> passages) {
        Set<String> crossed = new HashSet<>();
        for (GpsFeed.Truth truth : truths) {
            crossed.add(truth.car() + "|" + truth.point());
        }
        return passages.stream().filter(m -> !crossed.contains(m.car() + "|" + m.point())).toList();
    }

    /** The nearest-rank percentile of sorted values (0 when there are none). */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    /** Timing's recorded GPS passages at these points ({@code GET /api/races/{raceId}/passages?point=…&status=RECORDED}). */
    public static List<Measured> read(Api reader, String timingUrl, String raceId, Collection<String> points) {
        List<Measured> all = new ArrayList<>();
        for (String point : points) {
            for (int page = 0; ; page++) {
                JsonNode list = reader.ok("GET", timingUrl + "/api/races/" + raceId + "/passages?status=RECORDED&size=500&point=" + point
                        + "&page=" + page, null);
                for (JsonNode p : list.get("entries")) {
                    if ("GPS".equals(p.path("source").asText())) {
                        all.add(new Measured(UUID.fromString(p.get("id").asText()), p.get("car").asInt(), p.get("point").asText(),
                                Instant.parse(p.get("time").asText()).plusMillis(p.path("clockOffsetMs").asLong(0)), p.path("device").asText(),
                                number(p.get("precisionMs")), number(p.get("clockUncertaintyMs")),
                                p.hasNonNull("receivedAt") ? Instant.parse(p.get("receivedAt").asText()) : null, p.get("evidence")));
                    }
                }
                if ((page + 1) * 500L >= list.get("total").asLong() || list.get("entries").isEmpty()) {
                    break;
                }
            }
        }
        return all;
    }

    /**
     * Waits until timing has as many GPS passages at the points as there are true crossings (the stream processor may still
     * be at work) or none came for {@code quiet}, and returns them.
     */
    public static List<Measured> await(Api reader, String timingUrl, String raceId, Collection<String> points, int expected, Duration quiet) {
        List<Measured> read = read(reader, timingUrl, raceId, points);
        long lastGrowth = System.nanoTime();
        int last = read.size();
        while (read.size() < expected && System.nanoTime() - lastGrowth < quiet.toNanos()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            read = read(reader, timingUrl, raceId, points);
            if (read.size() > last) {
                last = read.size();
                lastGrowth = System.nanoTime();
            }
        }
        return read;
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }
}
