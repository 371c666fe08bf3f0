package io.regularity.route.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.regularity.testsupport.GoldenEvents;

/** route's DeviceRevoked has the golden sample's shape, which timing and classification read in their own copies. */
class DeviceRevokedTest {

    @Test
    void itHasTheGoldenSamplesShape() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        String written = json.writeValueAsString(DeviceRevoked.of("golden-race", "tk-L1-P01", "a-token", "race-direction",
                Instant.parse("2024-06-11T09:30:00Z")));
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("DeviceRevoked")), GoldenEvents.shape(written));
    }
}
