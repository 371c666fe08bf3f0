package io.regularity.timing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.testsupport.GoldenEvents;
import io.regularity.timing.domain.RaceRoute;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.domain.VirtualLine;

/**
 * Issue 35: timing read a race from route-events by walking its JSON and matching "PC" as text. It reads its own copy
 * of the event now, the golden sample whole; a kind of trial it does not know is no PC and changes nothing else.
 */
class RaceDefinitionTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theGoldenSampleIsReadIntoTheRouteAPostIsSetUpOn() throws Exception {
        RaceDefinition race = JSON.treeToValue(JSON.readTree(GoldenEvents.sample("RaceDefined")).get("race"), RaceDefinition.class);
        RaceRoute route = race.route("golden-race");
        assertEquals("Golden Race", route.name());
        assertEquals("Europe/Rome", route.timeZone());
        RaceRoute.Leg leg = route.legs().get(0);
        assertEquals(1, leg.number());
        assertEquals(List.of("L1-START", "L1-P01", "L1-P02"), leg.timingPoints().stream().map(RaceRoute.Point::id).toList());
        assertNull(leg.timingPoints().get(0).pcLine());
        assertTrue(leg.timingPoints().get(1).pcLine() && leg.timingPoints().get(2).pcLine(), "the PC's start and finish");
        assertEquals(Set.of("L1-START", "L1-P01", "L1-P02"), race.points());
        assertEquals(LocalDate.parse("2024-06-11"), race.firstDay());
    }

    /**
     * Issue 39: a virtual point's line is read with the race, for the crossings of the cars' fixes; the route a post is
     * set up on is the same as without it; a line that does not hold together is left out, not a failure.
     */
    @Test
    void aVirtualPointsLineIsReadAndTheRestIsUnchanged() throws Exception {
        String sample = GoldenEvents.sample("RaceDefined")
                .replace("{ \"id\": \"L1-P01\", \"town\": \"Brescia\", \"km\": 1.0 }", "{ \"id\": \"L1-P01\", \"town\": \"Brescia\", "
                        + "\"km\": 1.0, \"virtual\": {\"lat\": 45.5412, \"lon\": 10.2118, \"bearingDeg\": 112.5, \"widthM\": 12.0, \"backup\": true} }")
                .replace("{ \"id\": \"L1-P02\", \"town\": \"Brescia\", \"km\": 2.0 }", "{ \"id\": \"L1-P02\", \"town\": \"Brescia\", "
                        + "\"km\": 2.0, \"virtual\": {\"lat\": 45.5, \"bearingDeg\": 400, \"widthM\": 12.0, \"colour\": \"red\"} }");
        assertTrue(sample.contains("\"bearingDeg\": 112.5") && sample.contains("\"bearingDeg\": 400"), "the sample was changed");
        RaceDefinition race = JSON.treeToValue(JSON.readTree(sample).get("race"), RaceDefinition.class);
        assertEquals(List.of(new GpsLine("L1-P01", new VirtualLine(45.5412, 10.2118, 112.5, 12.0), true)), race.gpsLines());
        RaceDefinition plain = JSON.treeToValue(JSON.readTree(GoldenEvents.sample("RaceDefined")).get("race"), RaceDefinition.class);
        assertEquals(plain.route("golden-race"), race.route("golden-race"));
        assertEquals(plain.points(), race.points());
        assertEquals(List.of(), plain.gpsLines());
    }

    @Test
    void aKindOfTrialTimingDoesNotKnowIsNoPcAndNoFailure() throws Exception {
        String sample = GoldenEvents.sample("RaceDefined").replace("\"type\": \"PC\"", "\"type\": \"GPS\"");
        RaceDefinition race = JSON.treeToValue(JSON.readTree(sample).get("race"), RaceDefinition.class);
        assertEquals(RaceDefinition.Kind.OTHER, race.legs().get(0).trials().get(0).type());
        assertTrue(race.route("r").legs().get(0).timingPoints().stream().allMatch(p -> p.pcLine() == null));
    }
}
