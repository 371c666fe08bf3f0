package io.regularity.classification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.regularity.testsupport.ApiDocumentCheck;
import io.regularity.testsupport.ApiDocumentFilter;

/**
 * What a validating proxy found in the document, held as a test: a standings page with a retired crew ({@code rank}
 * null: the one field written even when null, StandingsJson) is one the document describes, and a crew list is told from a team list (each matches one schema of the
 * {@code oneOf}, not both). The same checks against the document as it was show the suite's filter would catch it.
 */
class ApiDocumentTruthTest {

    static final String CREWS = """
            {"raceId": "r", "list": "overall", "model": "POINTS", "asOfTrial": "PC1", "status": "PROVISIONAL", "revision": 3,
             "digest": "abc", "generatedAt": "2026-06-13T10:00:00.000Z", "total": 2, "page": 0, "size": 50, "entries": [
              {"rank": 1, "car": 7, "crew": "Vesco / Salvinelli", "carModel": "Alfa Romeo 6C", "carYear": 1928, "coefficient": 1.50,
               "score": 12.00, "trialsScored": 1, "state": "RUNNING"},
              {"rank": null, "car": 9, "crew": "Rossi", "coefficient": 1.00, "score": 0, "trialsScored": 0, "state": "RETIRED"}]}
            """;
    static final String TEAMS = """
            {"raceId": "r", "list": "teams", "model": "POINTS", "asOfTrial": "PC1", "status": "PROVISIONAL", "revision": 3,
             "digest": "abc", "generatedAt": "2026-06-13T10:00:00.000Z", "total": 1, "page": 0, "size": 50, "entries": [
              {"rank": null, "team": "Scuderia", "score": 12.00, "cars": [7]}]}
            """;

    static ValidationReport standings(OpenApiInteractionValidator validator, String body) {
        return validator.validateResponse("/api/races/r/standings", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(body).build());
    }

    static String committed() throws Exception {
        return Files.readString(ApiDocumentCheck.committed("classification-service"));
    }

    @Test
    void aListWithARetiredCrewAndATeamListAreEachWhatTheDocumentSays() throws Exception {
        OpenApiInteractionValidator validator = ApiDocumentFilter.validator(committed());
        assertFalse(standings(validator, CREWS).hasErrors(), () -> standings(validator, CREWS).toString());
        assertFalse(standings(validator, TEAMS).hasErrors(), () -> standings(validator, TEAMS).toString());
    }

    @Test
    void theDocumentAsItWasIsCaught() throws Exception {
        // rank declared a plain integer, the lists' names open: what the proxy found
        String indent = " ".repeat(10);
        String nullable = indent + "type:\n" + indent + "- integer\n" + indent + "- \"null\"\n";
        String before = committed().replace(nullable, indent + "type: integer\n")
                .replaceAll("(?m)^( +)enum:\n\\1- overall\n\\1- leg\n\\1- ladies\n\\1- category\n\\1- trophy\n", "")
                .replaceAll("(?m)^( +)enum:\n\\1- teams\n", "");
        assertFalse(before.contains(nullable) || before.contains("- teams"), "the document as it was, rebuilt");
        OpenApiInteractionValidator validator = ApiDocumentFilter.validator(before);
        ValidationReport crews = standings(validator, CREWS);
        assertTrue(crews.getMessages().stream().anyMatch(m -> m.getMessage().contains("matched 2 out of 2")
                || m.getNestedMessages().stream().anyMatch(n -> n.getMessage().contains("(null)"))), crews::toString);
        assertTrue(crews.hasErrors());
    }

    /**
     * Issue 34: a validating proxy found every import's answer matching both schemas of its {@code oneOf} ({imported} and
     * {wouldImport, crews}, each taking other fields). Read as a client reads the document, each matches exactly one now;
     * the suite's filter holds every call against that reading too (ApiDocumentFilter.asAClientReads).
     */
    @Test
    void anImportsAnswerMatchesExactlyOneSchemaOfItsOneOf() throws Exception {
        OpenApiInteractionValidator client = ApiDocumentFilter.asAClientReads(committed());
        for (String answer : new String[] { "{\"imported\": 3}", "{\"wouldImport\": 1, \"crews\": []}" }) {
            ValidationReport report = client.validateResponse("/api/races/r/crews", Request.Method.POST,
                    SimpleResponse.Builder.ok().withContentType("application/json").withBody(answer).build());
            assertFalse(report.hasErrors(), () -> answer + ": " + report);
        }
        assertFalse(standings(client, CREWS).hasErrors(), () -> standings(client, CREWS).toString());
        assertFalse(standings(client, TEAMS).hasErrors(), () -> standings(client, TEAMS).toString());
        // the document as it was (nothing required of either answer): ambiguous as a client reads it, unseen by the old check
        String before = committed().replaceAll("(?m)^    (ImportAnswer|DryRunAnswer):\n      type: object\n      required:\n(      - .*\n)+",
                "    $1:\n      type: object\n");
        assertFalse(before.equals(committed()), "the document as it was, rebuilt");
        ValidationReport ambiguous = ApiDocumentFilter.asAClientReads(before).validateResponse("/api/races/r/crews", Request.Method.POST,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody("{\"imported\": 3}").build());
        assertTrue(ambiguous.getMessages().stream().anyMatch(m -> m.getMessage().contains("matched 2 out of 2")), ambiguous::toString);
        assertFalse(ApiDocumentFilter.validator(before).validateResponse("/api/races/r/crews", Request.Method.POST,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody("{\"imported\": 3}").build()).hasErrors());
    }

    /**
     * Issue 34: Redocly warned that the standings' {@code oneOf} overlapped (a crew list and the team list both took an
     * optional {@code list}); the suite's lint says so too, and both now require {@code list}, whose values tell them apart.
     */
    @Test
    void theLintFindsOverlappingSchemasOfAOneOf() throws Exception {
        assertFalse(ApiDocumentCheck.problems(committed()).stream().anyMatch(p -> p.startsWith("no-illogical-composition-keywords")));
        String before = committed().replaceAll("(?m)^    (Standings|TeamStandings):\n      type: object\n      required:\n(      - .*\n)+",
                "    $1:\n      type: object\n");
        assertFalse(before.equals(committed()), "the document as it was, rebuilt");
        assertTrue(ApiDocumentCheck.problems(before).stream().anyMatch(p -> p.startsWith("no-illogical-composition-keywords")
                && p.contains("Standings")), () -> ApiDocumentCheck.problems(before).toString());
    }
}
