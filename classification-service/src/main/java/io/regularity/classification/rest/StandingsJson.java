package io.regularity.classification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.regularity.classification.rest.view.CrewBreakdown;
import io.regularity.classification.rest.view.DirectionViews;
import io.regularity.classification.rest.view.ListViews;
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
        for (Class<?> type : new Class<?>[] { ListViews.Entry.class, ListViews.TeamEntry.class, CrewBreakdown.CrewResults.class,
                DirectionViews.TrialEntry.class }) {
            mapper.addMixIn(type, RankAlwaysWritten.class);
        }
    }
}
