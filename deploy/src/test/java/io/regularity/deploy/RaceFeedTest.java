package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.RaceFeed.Crossing;

/** The simulated race has the faults of real operations in it, and still tells the truth once offsets are applied. */
class RaceFeedTest {

    static final DemoRace RACE = DemoRace.generate(20, 11);
    static final List<Crossing> CROSSINGS = new RaceFeed(RACE, 11).crossings();

    @Test
    void theSameSeedGivesTheSameRace() {
        assertEquals(CROSSINGS, new RaceFeed(DemoRace.generate(20, 11), 11).crossings());
    }

    @Test
    void aBackupChronometerStandsOnAboutAThirdOfThePcLinesAndRecordsTheSameCrossingALittleLater() {
        Set<String> pcLines = new HashSet<>();
        RACE.definition.get("legs").forEach(leg -> leg.get("trials").forEach(t -> {
            if (t.get("type").asText().equals("PC")) {
                pcLines.add(t.get("start").asText());
                pcLines.add(t.get("finish").asText());
            }
        }));
        Map<String, Crossing> main = new HashMap<>();
        Set<String> backedUp = new HashSet<>();
        for (Crossing c : CROSSINGS) {
            if (!c.device().endsWith("-backup")) {
                main.put(c.car() + "|" + c.point(), c);
            }
        }
        for (Crossing c : CROSSINGS) {
            if (c.device().endsWith("-backup")) {
                backedUp.add(c.point());
                Crossing first = main.get(c.car() + "|" + c.point());
                long apart = official(c) - official(first);
                assertTrue(apart > 0 && apart < 1000, "a backup is a duplicate within a second: " + apart + " ms");
            }
        }
        double share = backedUp.size() / (double) pcLines.size();
        assertTrue(share > 0.2 && share < 0.45, "share of PC lines with a backup: " + share);
    }

    @Test
    void devicesAreTensOfMillisecondsOffAndSomePostsUploadLate() {
        assertTrue(CROSSINGS.stream().allMatch(c -> Math.abs(c.clockOffsetMs()) <= 80));
        assertTrue(CROSSINGS.stream().anyMatch(c -> c.clockOffsetMs() != 0));
        long late = CROSSINGS.stream().filter(c -> Duration.between(c.time(), c.availableAt()).toMinutes() >= 19).count();
        assertTrue(late > CROSSINGS.size() / 30 && late < CROSSINGS.size() / 4, "uploaded late: " + late + " of " + CROSSINGS.size());
        for (int i = 1; i < CROSSINGS.size(); i++) {
            assertTrue(!CROSSINGS.get(i).availableAt().isBefore(CROSSINGS.get(i - 1).availableAt()), "uploads in the order posts have them");
        }
    }

    @Test
    void twoOrThreeCrewsRetireOnEachLegAndAreSeenNoFurther() {
        List<RaceFeed.Retirement> retirements = new RaceFeed(RACE, 11).retirements();
        Map<Integer, Integer> perLeg = new HashMap<>();
        retirements.forEach(r -> perLeg.merge(r.leg(), 1, Integer::sum));
        assertEquals(Set.of(1, 2, 3, 4, 5), perLeg.keySet());
        perLeg.values().forEach(n -> assertTrue(n == 2 || n == 3, "retirements on a leg: " + perLeg));
        Map<String, Integer> order = new HashMap<>();
        RACE.definition.get("legs").forEach(leg -> leg.get("timingPoints").forEach(p -> order.put(p.get("id").asText(), order.size())));
        for (RaceFeed.Retirement r : retirements) {
            int stop = order.get(r.lastPoint());
            List<Crossing> own = CROSSINGS.stream().filter(c -> c.car() == r.car()).toList();
            assertTrue(own.stream().allMatch(c -> order.get(c.point()) <= stop), "car " + r.car() + " seen after it retired");
            assertTrue(own.stream().anyMatch(c -> order.get(c.point()) >= stop - 3), "car " + r.car() + " raced up to where it stopped");
            Instant last = own.stream().map(RaceFeedTest::officialInstant).max(Instant::compareTo).orElseThrow();
            assertTrue(r.at().isAfter(last), "race direction rules it retired after its last crossing");
            assertEquals(1, retirements.stream().filter(x -> x.car() == r.car()).count(), "a crew retires once");
        }
    }

    static Instant officialInstant(Crossing c) {
        return c.time().plusMillis(c.clockOffsetMs());
    }

    static long official(Crossing c) {
        return c.time().toEpochMilli() + c.clockOffsetMs();
    }

    static final DemoRace CIRCUIT = DemoRace.circuit(30, 7);
    static final RaceFeed CIRCUIT_FEED = new RaceFeed(CIRCUIT, 7);

    @Test
    void onTheCircuitEveryCrewLapsSixTimesAndOnceALapLineCrossingIsNotRecorded() {
        JsonNode leg = CIRCUIT.definition.get("legs").get(0);
        assertEquals(6, leg.get("laps").asInt());
        Set<Integer> retired = new HashSet<>();
        CIRCUIT_FEED.retirements().forEach(r -> retired.add(r.car()));
        Map<Integer, Long> lines = new HashMap<>();
        for (Crossing c : CIRCUIT_FEED.crossings()) {
            if (c.point().equals("C-A") && !c.device().endsWith("-backup")) {
                lines.merge(c.car(), 1L, Long::sum);
            }
        }
        long short1 = 0;
        for (var crew : CIRCUIT.crews) {
            int car = (Integer) crew.get("car");
            if (!retired.contains(car)) {
                long n = lines.getOrDefault(car, 0L);
                assertTrue(n == 7 || n == 6, "car " + car + " crossed the line " + n + " times (7: six laps and the finish)");
                short1 += n == 6 ? 1 : 0;
            }
        }
        assertEquals(1, short1, "exactly one lap-line crossing is not recorded");
        long ferrari = CIRCUIT.crews.stream().filter(c -> "Ferrari Tribute".equals(c.get("category"))).count();
        assertEquals(10, ferrari, "a third of the field is the Ferrari Tribute");
        assertTrue(CIRCUIT.crews.stream().filter(c -> "Ferrari Tribute".equals(c.get("category")))
                .allMatch(c -> new java.math.BigDecimal("1.00").equals(c.get("coefficient"))));
        assertEquals(CIRCUIT_FEED.crossings(), new RaceFeed(DemoRace.circuit(30, 7), 7).crossings(), "the same seed, the same race");
    }
}
