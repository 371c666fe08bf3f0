package io.regularity.classification.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.testsupport.GoldenEvents;

/** classification's own copy of route's events reads the golden samples, keeps the definition whole, and says what is missing. */
class RouteEventTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theGoldenSamplesAreRead() throws Exception {
        var defined = assertInstanceOf(RouteEvent.RaceDefined.class, JSON.readValue(GoldenEvents.sample("RaceDefined"), RouteEvent.class));
        assertEquals("golden-race", defined.raceId());
        assertEquals(Instant.parse("2024-06-11T08:00:00Z"), defined.definedAt());
        assertEquals(JSON.readTree(GoldenEvents.sample("RaceDefined")).get("race"), defined.race(), "the definition kept whole");
        var revoked = assertInstanceOf(RouteEvent.DeviceRevoked.class, JSON.readValue(GoldenEvents.sample("DeviceRevoked"), RouteEvent.class));
        assertEquals("golden-race", revoked.raceId());
        assertEquals("3a9d5c1e-8f24-4b6a-a0e7-5c2d9b1f4e68", revoked.tokenId());
        assertEquals(Instant.parse("2024-06-11T09:30:00Z"), revoked.at());
        var oddMoment = (RouteEvent.DeviceRevoked) JSON.readValue(
                "{\"type\":\"DeviceRevoked\",\"tokenId\":\"t\",\"occurredAt\":\"yesterday\"}", RouteEvent.class);
        assertTrue(!oddMoment.at().isBefore(Instant.now().minusSeconds(60)), "an unreadable moment is now: the token is refused from now on");
    }

    @Test
    void whatIsMissingIsSaidAndAnUnreadableMomentIsTheEarliest() throws Exception {
        assertInstanceOf(RouteEvent.Other.class, JSON.readValue("{\"type\":\"TrophyAwarded\"}", RouteEvent.class));
        var noRevision = (RouteEvent.RaceDefined) JSON.readValue("{\"type\":\"RaceDefined\",\"race\":{\"id\":\"r\"}}", RouteEvent.class);
        assertEquals("RaceDefined without race.id or revision", assertThrows(IllegalArgumentException.class, noRevision::raceId).getMessage());
        var oddMoment = (RouteEvent.RaceDefined) JSON.readValue(
                "{\"type\":\"RaceDefined\",\"revision\":2,\"occurredAt\":\"yesterday\",\"race\":{\"id\":\"r\"}}", RouteEvent.class);
        assertNull(oddMoment.definedAt());
    }
}
