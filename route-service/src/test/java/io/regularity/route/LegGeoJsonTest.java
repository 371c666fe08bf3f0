package io.regularity.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.regularity.route.domain.LegGeoJson;
import io.regularity.route.domain.Race;
import io.regularity.route.domain.Race.Leg;
import io.regularity.route.domain.Race.TimingPoint;
import io.regularity.route.domain.Race.Town;
import io.regularity.route.domain.Race.Trial;

/** A leg drawn as GeoJSON: a road leg's route open, a circuit's closed with its laps and the lap each trial uses a hose on. */
class LegGeoJsonTest {

    static final List<Town> PLACES = List.of(new Town("Piazza della Vittoria", "BS", 0.0, 45.5389, 10.2197, null),
            new Town("Via dei Musei", "BS", 1.0, 45.5403, 10.2262, null), new Town("Corso Magenta", "BS", 2.0, 45.5368, 10.2245, null));

    static Leg leg(Integer laps, List<Trial> trials) {
        return new Leg(1, "Circuito", null, null, null, 12.0, "C-A", laps, PLACES, List.of(new TimingPoint("C-A", null, 0.0),
                new TimingPoint("C-B", null, 1.0), new TimingPoint("C-C", null, 2.5)), trials);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> feature(Map<String, Object> geo, int i) {
        return ((List<Map<String, Object>>) geo.get("features")).get(i);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> feature, String part, String key) {
        return (T) ((Map<String, Object>) feature.get(part)).get(key);
    }

    @Test
    void aCircuitIsClosedSaysItsLapsAndTheLapEachTrialUsesAHoseOn() {
        Trial pc = new Trial("PC1", "PC", "C-C", "C-A", 30_000L, null, null, null, null, null, "OPEN", 3, 4, null);
        Map<String, Object> geo = LegGeoJson.of(new Race("t", "T", 2023, null, null, null, null, List.of(), null, 1L, null, null), leg(3, List.of(pc)));
        Map<String, Object> route = feature(geo, 0);
        List<List<Double>> line = at(route, "geometry", "coordinates");
        assertEquals(line.get(0), line.get(line.size() - 1), "the route comes back to where it starts");
        assertEquals(4, line.size());
        assertEquals(3, (int) at(route, "properties", "laps"));
        Map<String, Object> lapLine = feature(geo, 4); // the three places, then the hoses
        assertEquals("C-A", at(lapLine, "properties", "id"));
        assertEquals(true, at(lapLine, "properties", "lapLine"));
        assertEquals(List.of(Map.of("trial", "PC1", "lap", 4)), at(lapLine, "properties", "trialLaps"));
        // C-C at 2.5 km lies on the way back to the line (the lap is 12 / 3 = 4 km): between Corso Magenta and the start
        List<Double> cc = at(feature(geo, 6), "geometry", "coordinates");
        assertEquals(10.2245 + (10.2197 - 10.2245) * 0.25, cc.get(0), 1e-6);
        assertEquals(List.of(Map.of("trial", "PC1", "lap", 3)), at(feature(geo, 6), "properties", "trialLaps"));
    }

    @Test
    void aRoadLegStaysOpenAndSaysNoLaps() {
        Map<String, Object> geo = LegGeoJson.of(new Race("t", "T", 2023, null, null, null, null, List.of(), null, 1L, null, null), leg(null, List.of()));
        List<List<Double>> line = at(feature(geo, 0), "geometry", "coordinates");
        assertEquals(3, line.size());
        assertNull(at(feature(geo, 0), "properties", "laps"));
        assertNull(at(feature(geo, 4), "properties", "trialLaps"));
        // past the last place a road leg's point is clamped to it
        assertEquals(List.of(10.2245, 45.5368), at(feature(geo, 6), "geometry", "coordinates"));
    }
}
