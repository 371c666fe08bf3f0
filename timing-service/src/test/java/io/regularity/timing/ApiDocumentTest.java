package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.ApiDocumentCheck;
import io.regularity.testsupport.RealServers;
import io.regularity.timing.domain.PassageParser;
import io.regularity.timing.rest.PassageResource;

/** The OpenAPI document a client developer reads: valid, lint-clean, the one committed in openapi/, its example valid. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class ApiDocumentTest {

    /** The OpenAPI document is served on the management interface, beside health and metrics. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void theDocumentIsValidCleanAndCommitted() throws Exception {
        ApiDocumentCheck.assertCleanAndCommitted("timing-service",
                given().accept("application/yaml").get(openapi).then().statusCode(200).extract().asString());
    }

    @Test
    void theDocumentsPassageExampleIsAValidPassage() throws Exception {
        var parsed = PassageParser.parse(new ObjectMapper().readTree(PassageResource.PASSAGE_EXAMPLE), Instant.parse("2023-06-13T15:00:00Z"));
        assertTrue(parsed.valid(), () -> parsed.errors().toString());
    }
}
