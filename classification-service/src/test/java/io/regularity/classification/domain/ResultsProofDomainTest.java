package io.regularity.classification.domain;

import static io.regularity.classification.domain.RaceFixtures.at;
import static io.regularity.classification.domain.RaceFixtures.co;
import static io.regularity.classification.domain.RaceFixtures.crew;
import static io.regularity.classification.domain.RaceFixtures.leg;
import static io.regularity.classification.domain.RaceFixtures.pc;
import static io.regularity.classification.domain.RaceFixtures.penalties;
import static io.regularity.classification.domain.RaceFixtures.pm;
import static io.regularity.classification.domain.RaceFixtures.race;
import static io.regularity.classification.domain.RaceFixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.RaceDefinition.Detection;

/** What a breakdown shows (the measures) and the digest of the facts. */
class ResultsProofDomainTest {

    @Test
    void aPcShowsElapsedTargetAndTheSignedDifferenceWhoseSizeIsThePenalty() {
        var race = race(penalties(), leg(1, "A", 3, pc("PC1", "A-1", "A-2", 12_000)));
        for (long elapsed : new long[] { 12_034, 11_975, 11_970, 12_000, 17_000 }) {
            var r = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-1", t(0)), at(1, "A-2", t(elapsed))), List.of())
                    .trials().get(0);
            assertEquals(elapsed, r.measure().elapsedMs());
            assertEquals(12_000L, r.measure().targetMs());
            assertEquals(Math.min(Math.abs(r.measure().deltaCs()), 300), r.penalty(), "elapsed " + elapsed);
            assertEquals(Long.signum(elapsed - 12_000), Integer.signum(r.measure().deltaCs()));
        }
    }

    @Test
    void aPmShowsIdealAndActualTimePerDetection() {
        // 1,000 m at 36 km/h: ideal 100 s; seen after 100.257 s → +25 cs, penalty 25
        var race = race(penalties(), leg(1, "A", 3, pm("PM1", "A-0", 36.0, new Detection("A-1", 1000), new Detection("A-2", 2000))));
        var r = new CrewScorer(race).score(crew(1, "1.00"),
                List.of(at(1, "A-0", t(0)), at(1, "A-1", t(100_257)), at(1, "A-2", t(199_901))), List.of()).trials().get(0);
        var d = r.measure().detections();
        assertEquals(List.of(100_000L, 200_000L), d.stream().map(Measure.Detection::idealMs).toList());
        assertEquals(List.of(100_257L, 199_901L), d.stream().map(Measure.Detection::actualMs).toList());
        assertEquals(List.of(25, -9), d.stream().map(Measure.Detection::deltaCs).toList());
        assertEquals(List.of(25, 9), d.stream().map(Measure.Detection::penalty).toList());
        assertEquals(34, r.penalty());
    }

    @Test
    void aCoShowsDueMinuteMinutesAndBeyondTheMaximumLateness() {
        // leg start A-0 at 08:00:00; CO at A-2 due 60 minutes later → 09:00; arriving 09:31:10 is 31 minutes late
        var race = race(penalties(), leg(1, "A", 3, co("CO1", "A-2", null, 60)), leg(2, "B", 3, pc("PC9", "B-1", "B-2", 10_000)));
        var late = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-0", t(0)), at(1, "A-2", t(91 * 60_000 + 10_000))),
                List.of()).trials().get(0);
        assertEquals(Instant.parse("2024-06-11T09:00:00Z"), late.measure().due());
        assertEquals(31L, late.measure().minutes());
        assertEquals(true, late.measure().beyondMaxLateness());
        assertEquals(1000, late.penalty());
        var early = new CrewScorer(race).score(crew(1, "1.00"), List.of(at(1, "A-0", t(0)), at(1, "A-2", t(59 * 60_000 + 59_000))),
                List.of()).trials().get(0);
        assertEquals(-1L, early.measure().minutes());
        assertEquals(false, early.measure().beyondMaxLateness());
        assertEquals(100, early.penalty());
    }

    @Test
    void theDigestIsTheSameWhateverOrderTheFactsArrivedInAndChangesWithAnyOfThem() {
        var race = race(penalties(), leg(1, "A", 4, pc("PC1", "A-1", "A-2", 12_000), pc("PC2", "A-2", "A-3", 20_000)),
                leg(2, "B", 3, pc("PC3", "B-1", "B-2", 12_000)));
        List<Crew> crews = List.of(crew(1, "1.00"), crew(2, "1.34"), crew(3, "1.80"));
        List<PassageFact> all = new ArrayList<>();
        Random random = new Random(17);
        for (Crew c : crews) {
            for (String point : List.of("A-1", "A-2", "A-3", "B-1", "B-2", "X-9")) {
                all.add(at(c.car(), point, t(random.nextInt(3_600_000))));
            }
        }
        List<Ruling> rulings = List.of(new Ruling(4, Ruling.Type.STEWARD_PENALTY, 2, "PC1", 50, "why", "rd", t(10)),
                new Ruling(9, Ruling.Type.NEUTRALISE, 3, "PC3", null, "why", "rd", t(20)));
        Set<String> digests = new java.util.HashSet<>();
        List<Map<Integer, CrewResult>> results = new ArrayList<>();
        for (long seed : new long[] { 1, 2, 3 }) {
            List<PassageFact> order = new ArrayList<>(all);
            Collections.shuffle(order, new Random(seed));
            List<Ruling> rulingOrder = new ArrayList<>(rulings);
            Collections.shuffle(rulingOrder, new Random(seed));
            List<Crew> crewOrder = new ArrayList<>(crews);
            Collections.shuffle(crewOrder, new Random(seed));
            RaceFacts facts = new RaceFacts(race, crewOrder, byCar(order), rulingOrder);
            digests.add(facts.digest());
            results.add(facts.score());
        }
        assertEquals(1, digests.size(), "three arrival orders, one digest");
        assertTrue(digests.iterator().next().matches("sha256:[0-9a-f]{64}"));
        assertEquals(results.get(0), results.get(1));
        assertEquals(results.get(0), results.get(2));

        String digest = digests.iterator().next();
        List<PassageFact> voided = new ArrayList<>(all);
        PassageFact p = voided.get(4);
        voided.set(4, new PassageFact(p.id(), p.car(), p.point(), p.officialTime(), true));
        assertNotEquals(digest, new RaceFacts(race, crews, byCar(voided), rulings).digest(), "a void changes it");
        List<PassageFact> moved = new ArrayList<>(all);
        moved.set(4, new PassageFact(p.id(), p.car(), p.point(), p.officialTime().plusMillis(1), false));
        assertNotEquals(digest, new RaceFacts(race, crews, byCar(moved), rulings).digest(), "a millisecond changes it");
        assertNotEquals(digest, new RaceFacts(race, crews, byCar(all), rulings.subList(0, 1)).digest(), "a ruling changes it");
        Map<Integer, List<PassageFact>> withStranger = byCar(all);
        withStranger.put(99, List.of(at(99, "A-1", t(5))));
        assertEquals(digest, new RaceFacts(race, crews, withStranger, rulings).digest(), "a car not entered changes no list");
        List<Crew> banded = new ArrayList<>(crews);
        Crew c = banded.get(0);
        banded.set(0, new Crew(c.car(), c.driver(), c.codriver(), c.carModel(), c.carYear(), c.coefficient(), c.category(), c.team(), "HIGH"));
        assertNotEquals(digest, new RaceFacts(race, banded, byCar(all), rulings).digest(), "a band changes it: it changes the ideal times");
    }

    @Test
    void textInTheDigestIsQuotedAsJson() {
        assertEquals("\"Rossi \\\"il Rosso\\\" \\\\ \\u0009\"", ResultsDigest.quote("Rossi \"il Rosso\" \\ \t"));
        assertEquals("null", ResultsDigest.quote(null));
        assertNull(ResultsDigest.passages(List.of()));
    }

    private static Map<Integer, List<PassageFact>> byCar(List<PassageFact> passages) {
        Map<Integer, List<PassageFact>> byCar = new HashMap<>();
        passages.forEach(p -> byCar.computeIfAbsent(p.car(), k -> new ArrayList<>()).add(p));
        return byCar;
    }
}
