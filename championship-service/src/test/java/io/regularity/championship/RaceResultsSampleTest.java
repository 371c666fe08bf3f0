package io.regularity.championship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.regularity.championship.domain.RoundResult;
import io.regularity.championship.events.RaceResults;
import io.regularity.testsupport.GoldenEvents;

/** championship-service reads classification's RaceResults as its golden sample says it is (docs/events.md). */
class RaceResultsSampleTest {

    @Test
    void theGoldenSampleIsARound() throws Exception {
        RaceResults results = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(GoldenEvents.sample("RaceResults"), RaceResults.class);
        RoundResult round = results.round();
        assertEquals("r-results", round.race());
        assertTrue(round.isFinal());
        assertEquals(2, round.plannedPcs());
        assertEquals(1, round.validPcs());
        assertEquals("AR-7", round.crews().get(0).driver().licence());
        assertEquals(1, round.crews().get(1).position("category:B"));
        assertTrue(round.crews().get(0).on("ladies") && !round.crews().get(1).on("ladies"));
        assertTrue(round.crews().get(2).on("overall") && round.crews().get(2).position("overall") == null, "retired: on the list, no rank");
    }
}
