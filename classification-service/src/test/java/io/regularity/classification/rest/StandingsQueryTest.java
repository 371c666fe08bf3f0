package io.regularity.classification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.regularity.support.Refusal;
import io.vertx.core.MultiMap;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The list's one door: the stream's route reads a query as the REST resource does, defaults and refusals alike. */
class StandingsQueryTest {

    /** The parameters as JAX-RS fills them for a query that gives none: each component's @DefaultValue, converted. */
    private static StandingsQuery.Params asTheResourceReadsNothing() throws Exception {
        RecordComponent[] components = StandingsQuery.Params.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            DefaultValue given = components[i].getAccessor().getAnnotation(DefaultValue.class);
            if (given == null) {
                given = StandingsQuery.Params.class.getDeclaredConstructors()[0].getParameters()[i].getAnnotation(DefaultValue.class);
            }
            Class<?> type = components[i].getType();
            values[i] = given == null ? null : type == long.class ? Long.parseLong(given.value())
                    : type == int.class ? Integer.parseInt(given.value()) : given.value();
        }
        return (StandingsQuery.Params) StandingsQuery.Params.class.getDeclaredConstructors()[0].newInstance(values);
    }

    @Test
    void anEmptyQueryIsTheSameListThroughEitherDoor() throws Exception {
        StandingsQuery.Params resource = asTheResourceReadsNothing();
        StandingsQuery.Params stream = StandingsQuery.Params.of(name -> null);
        assertEquals(resource, stream);
        assertEquals(resource.query(null), stream.query(null));
        assertEquals(50, stream.query(null).size(), "the documented default page size");
        assertEquals(StandingsFeed.key("r1", MultiMap.caseInsensitiveMultiMap()).orElseThrow().page(),
                resource.query(null).page("r1"));
    }

    @Test
    void everyParameterIsDocumentedAsAQueryParameter() {
        for (var parameter : StandingsQuery.Params.class.getDeclaredConstructors()[0].getParameters()) {
            assertTrue(parameter.isAnnotationPresent(QueryParam.class), parameter.getName());
        }
    }

    @Test
    void theCsvIsTheWholeListWhateverPageTheAddressNames() {
        StandingsQuery whole = StandingsQuery.Params.of(Map.of("size", "1000", "page", "7")::get).whole();
        assertEquals(0, whole.page());
        assertEquals(Integer.MAX_VALUE, whole.size());
        assertThrows(Refusal.class, () -> StandingsQuery.Params.of(Map.of("cumulative", "maybe")::get).whole());
    }

    @Test
    void theStreamRefusesWhatTheListRefusesAndServesOnlyLiveLists() {
        Map<String, String> bad = Map.of("size", "0");
        assertThrows(Refusal.class, () -> StandingsQuery.Params.of(bad::get).query(null));
        assertThrows(Refusal.class, () -> StandingsQuery.Params.of(Map.of("page", "x")::get).query(null));
        assertThrows(Refusal.class, () -> StandingsQuery.Params.of(Map.of("cumulative", "yes")::get).query(null));
        assertThrows(Refusal.class, () -> StandingsQuery.Params.of(name -> null).query("maybe"));
        assertFalse(StandingsFeed.key("r1", MultiMap.caseInsensitiveMultiMap().add("size", "0")).isPresent());
        assertFalse(StandingsFeed.key("r1", MultiMap.caseInsensitiveMultiMap().add("asOf", "2023-06-13T12:00:00Z")).isPresent());
        assertTrue(StandingsFeed.key("r1", MultiMap.caseInsensitiveMultiMap().add("compact", "true")).orElseThrow().compact());
    }
}
