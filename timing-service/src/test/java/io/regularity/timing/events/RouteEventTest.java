package io.regularity.timing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.testsupport.GoldenEvents;

/** timing's own copy of route's events reads the golden samples; another type is left alone; a race without an id is not kept. */
class RouteEventTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void theGoldenSamplesAreRead() throws Exception {
        var defined = assertInstanceOf(RouteEvent.RaceDefined.class, JSON.readValue(GoldenEvents.sample("RaceDefined"), RouteEvent.class));
        assertEquals("golden-race", defined.race().id());
        assertEquals(3L, defined.revision());
        var revoked = assertInstanceOf(RouteEvent.DeviceRevoked.class, JSON.readValue(GoldenEvents.sample("DeviceRevoked"), RouteEvent.class));
        assertEquals("3a9d5c1e-8f24-4b6a-a0e7-5c2d9b1f4e68", revoked.tokenId());
        assertEquals("tk-L1-P01", revoked.device());
        assertEquals(Instant.parse("2024-06-11T09:30:00Z"), revoked.at());
    }

    @Test
    void anotherTypeIsLeftAloneAndARaceWithoutItsIdIsNotKept() throws Exception {
        assertInstanceOf(RouteEvent.Other.class, JSON.readValue("{\"type\":\"TrophyAwarded\",\"x\":1}", RouteEvent.class));
        Exception notRead = assertThrows(Exception.class,
                () -> JSON.readValue("{\"type\":\"RaceDefined\",\"revision\":1,\"race\":{\"name\":\"x\"}}", RouteEvent.class));
        assertTrue(notRead.getMessage().contains("RaceDefined without race.id or revision"), notRead.getMessage());
    }
}
