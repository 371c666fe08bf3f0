package io.regularity.classification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.classification.domain.RaceDefinition.TrialStatus;
import io.regularity.classification.domain.RaceDefinition.TrialType;

/**
 * Issue 35: a trial's type and status are closed sets read once, where a definition is read. An unknown type used to be
 * carried as text and scored as a CT (the scorer's switch ended in {@code default -> ct}); it is refused there now.
 */
class RaceDefinitionTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static String definition(String type, String status) {
        return """
                {"id": "r", "name": "R", "year": 2024, "legs": [{"number": 1, "name": "L", "startPoint": "S",
                  "timingPoints": [{"id": "S"}, {"id": "A"}], "trials": [{"id": "X1", "type": "%s", "point": "A", "status": "%s"}]}]}
                """.formatted(type, status);
    }

    @Test
    void aTrialsTypeAndStatusAreReadAsWhatTheyAre() throws IOException {
        RaceDefinition race = RaceDefinition.read(JSON, "r", 1, definition("CT", "NEUTRALISED"));
        assertEquals(TrialType.CT, race.legs().get(0).trials().get(0).type());
        assertEquals(TrialStatus.NEUTRALISED, race.legs().get(0).trials().get(0).status());
        assertTrue(race.legs().get(0).trials().get(0).closed());
    }

    /**
     * Issue 39: a virtual timing point (a line across the road, timed from the cars' GPS) reads as any other point with the
     * mapper the service reads route-events with (unknown fields ignored): it is scored like a post's.
     */
    @Test
    void aVirtualPointIsReadAsAnyOtherPoint() throws IOException {
        ObjectMapper tolerant = JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String virtual = definition("CT", "OPEN").replace("{\"id\": \"A\"}",
                "{\"id\": \"A\", \"town\": \"Ghedi\", \"km\": 1.5, \"virtual\": {\"lat\": 45.3957, \"lon\": 10.2994, \"bearingDeg\": 118.0, \"widthM\": 12.0}}");
        assertTrue(virtual.contains("\"virtual\""), "the definition was changed");
        RaceDefinition race = RaceDefinition.read(tolerant, "r", 1, virtual);
        assertEquals(new RaceDefinition.TimingPoint("A", 1.5), race.legs().get(0).timingPoints().get(1));
        assertEquals("A", race.legs().get(0).trials().get(0).point());
    }

    @Test
    void anUnknownTrialTypeIsRefusedWhereTheDefinitionIsRead() {
        IOException e = assertThrows(IOException.class, () -> RaceDefinition.read(JSON, "r", 1, definition("GPS", "OPEN")));
        assertTrue(e.getMessage().contains("TrialType") && e.getMessage().contains("\"GPS\": not one of the values accepted"), e.getMessage());
        IOException status = assertThrows(IOException.class, () -> RaceDefinition.read(JSON, "r", 1, definition("CT", "PAUSED")));
        assertTrue(status.getMessage().contains("\"PAUSED\""), status.getMessage());
    }
}
