package io.regularity.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class ProblemMappersTest {

    record Passage(int car) {
    }

    record Batch(List<Passage> passages) {
    }

    @Test
    void aMismatchedFieldIsNamedByItsJsonPath() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(MismatchedInputException.class,
                () -> new ObjectMapper().readValue("{\"passages\": [{\"car\": 1}, {\"car\": [2]}]}", Batch.class));
        assertEquals("passages[1].car", ProblemMappers.path(e));
    }

    @Test
    void aLostConnectionOrAnAdministratorShutdownIsTheDatabaseBeingAway() {
        assertTrue(io.regularity.support.Database.unavailable(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(io.regularity.support.Database.unavailable(new SQLException("terminating connection", "57P01")));
        assertFalse(io.regularity.support.Database.unavailable(new SQLException("duplicate key", "23505")));
        assertFalse(io.regularity.support.Database.unavailable(new IllegalStateException("a bug")));
    }

    record Timed(java.time.Instant at, int laps) {
    }

    @Test
    void aValueOfTheWrongKindSaysWhatKindItMustBeInTheReadersLanguage() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
                () -> new ObjectMapper().readValue("{\"laps\": \"tre\"}", Timed.class));
        assertEquals("tre is not a whole number", ProblemMappers.said(e).in(io.regularity.support.Lang.EN));
        assertEquals("tre non è un numero intero", ProblemMappers.said(e).in(io.regularity.support.Lang.IT));
    }

    enum Mode {
        DRIVERS, BOTH;

        @com.fasterxml.jackson.annotation.JsonCreator
        static Mode of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    record Moded(Mode scores, List<String> names) {
    }

    @Test
    void aValueItsTypeRefusesOrAListWhereATextGoesSaysWhatItMustBeNoClassName() {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> new ObjectMapper().readValue("{\"scores\": \"all\"}", Moded.class));
        assertEquals("deve essere uno tra DRIVERS, BOTH", ProblemMappers.said(refused).in(io.regularity.support.Lang.IT));
        var list = org.junit.jupiter.api.Assertions.assertThrows(MismatchedInputException.class,
                () -> new ObjectMapper().readValue("{\"names\": \"Rossi\"}", Moded.class));
        assertEquals("must be a list [ … ]", ProblemMappers.said(list).in(io.regularity.support.Lang.EN));
    }
}
