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
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("terminating connection", "57P01")));
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("a bug")));
    }
}
