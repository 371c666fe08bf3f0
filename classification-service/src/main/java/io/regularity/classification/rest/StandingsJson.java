package io.regularity.classification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.regularity.classification.service.StandingsService;
import jakarta.inject.Singleton;

/**
 * The API's JSON shape of the read side's records: every entry of a list, a crew's results and a
 * trial's results carry {@code rank}, null for those without one (the contract's shape), although
 * nulls are otherwise left out.
 */
@Singleton
public class StandingsJson implements ObjectMapperCustomizer {

    interface RankAlwaysWritten {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Integer rank();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        for (Class<?> type : new Class<?>[] { StandingsService.Entry.class, StandingsService.TeamEntry.class,
                io.regularity.classification.service.CrewBreakdown.CrewResults.class, StandingsService.TrialEntry.class }) {
            mapper.addMixIn(type, RankAlwaysWritten.class);
        }
    }
}
