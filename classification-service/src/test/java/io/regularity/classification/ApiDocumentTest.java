package io.regularity.classification;

import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.rest.CrewResource;
import io.regularity.classification.rest.RulingResource;
import io.regularity.testsupport.ApiDocumentCheck;
import io.regularity.testsupport.RealServers;

/** The OpenAPI document a client developer reads: valid, lint-clean, the one committed in openapi/, its examples accepted. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class ApiDocumentTest {

    /** The OpenAPI document is served on the management interface, beside health and metrics. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void theDocumentIsValidCleanAndCommitted() throws Exception {
        ApiDocumentCheck.assertCleanAndCommitted("classification-service",
                given().accept("application/yaml").get(openapi).then().statusCode(200).extract().asString());
    }

    @Test
    void theDocumentsExamplesAreAcceptedAsTheyStand() {
        String race = "r-api-examples";
        route(race, raceDefined(race, "POINTS", 1, "OPEN"));
        ClassificationTest.awaitRace(race);
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv").body(CrewResource.CSV_EXAMPLE)
                .post("/api/races/" + race + "/crews").then().statusCode(200).body("imported", equalTo(1));
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(CrewResource.CREW_EXAMPLE)
                .put("/api/races/" + race + "/crews/48").then().statusCode(200).body("coefficient", equalTo(1.8f));
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json").body(RulingResource.RULING_EXAMPLE)
                .post("/api/races/" + race + "/rulings").then().statusCode(201).body("type", equalTo("RETIRE"));
    }
}
