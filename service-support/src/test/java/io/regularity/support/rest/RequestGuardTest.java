package io.regularity.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regularity.support.FieldError;
import io.regularity.support.RaceId;

/** The door's rule on raw paths and queries, as the HTTP decoder hands them on. */
class RequestGuardTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/races/x%00y/standings", "/api/races/x%0D%0Ay/crews", "/api/races/x%22%3B%20filename%3D%22evil.bat/crews",
            "/api/races/x%5Cy/crews", "/api/races/..%2F..%2F..%2Fetc%2Fpasswd/crews", "/api/races/%F0%9F%8F%81/crews", "/api/races/a%20b/crews/1",
            "/api/races/%2e%2e/crews", "/api/races/-x/crews", "/api/races/%EF%BF%BE", "/api/races/%C0%AF/crews" })
    void aRaceIdOutsideTheRuleIs400NamingIt(String path) {
        List<FieldError> errors = RequestGuard.check(path, null);
        assertEquals(1, errors.size(), path);
        assertTrue(errors.get(0).message().contains("race id") || errors.get(0).message().startsWith("the path"), errors.toString());
    }

    @Test
    void aLongRaceIdIsRefusedAndTheLongestAllowedPasses() {
        assertEquals("raceId", RequestGuard.check("/api/races/" + "x".repeat(4000) + "/crews", null).get(0).field());
        assertEquals(List.of(), RequestGuard.check("/api/races/" + "x".repeat(64) + "/crews", null));
        assertEquals(RaceId.RULE.english(), RequestGuard.check("/api/races/" + "x".repeat(65), null).get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "point=%00", "car=1&point=P%0A1", "name=%EF%BF%BF", "x=%ED%A0%80", "name=%E2", "%00=1", "q=%zz" })
    void aQueryValueNoTextHoldsIs400(String query) {
        List<FieldError> errors = RequestGuard.check("/api/races/r1/passages", query);
        assertEquals(1, errors.size(), query);
        assertTrue(errors.get(0).message().startsWith("the query parameter"), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/races", "/api/races/1000-miglia-2023/standings", "/api/towns", "/", "/direction/", "/api/races/r.2_b-3/legs/1.geojson",
            "/api/races/r1/crews/12/results" })
    void ordinaryRequestsPass(String path) {
        assertEquals(List.of(), RequestGuard.check(path, "list=category&category=1927-1929&name=Bo%C3%A9+Brescia&lang=it&page=0"));
    }

    @Test
    void aHalfSurrogateOrANonCharacterIsNamed() {
        assertEquals("holds half of a surrogate pair", RequestGuard.wrongCharacter("a\ud800b").toString());
        assertEquals(null, RequestGuard.wrongCharacter("🏁 Brescia"));
        assertEquals("holds a non-character (U+FFFE)", RequestGuard.wrongCharacter("\ufffe").toString());
        assertEquals("holds a control character (U+0000)", RequestGuard.wrongCharacter("\0").toString());
    }
}
