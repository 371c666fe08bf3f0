package io.regularity.route;

import static io.restassured.RestAssured.given;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.route.rest.RaceResource;
import io.regularity.testsupport.ApiDocumentCheck;
import io.regularity.testsupport.RealServers;

/** The OpenAPI document a client developer reads: valid, lint-clean, and the one committed in openapi/. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "route"))
class ApiDocumentTest {

    /** The OpenAPI document is served on the management interface, beside health and metrics. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void theDocumentIsValidCleanAndCommitted() throws Exception {
        ApiDocumentCheck.assertCleanAndCommitted("route-service",
                given().accept("application/yaml").get(openapi).then().statusCode(200).extract().asString());
    }

    @Test
    void theCheckNamesWhatAClientWouldTripOn() {
        String yaml = """
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /api/races/{raceId}:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {type: object}
                      responses:
                        "200": {description: ok}
                components:
                  schemas:
                    Orphan: {type: string}
                """;
        var problems = String.join("\n", ApiDocumentCheck.problems(yaml));
        for (String rule : new String[] { "info-license", "no-empty-servers", "operation-operationId: POST", "operation-summary",
                "security-defined", "operation-4xx-response", "path-parameters-defined: {raceId}", "untyped request body",
                "no-unused-components: schema Orphan", "operation-tag" }) {
            org.junit.jupiter.api.Assertions.assertTrue(problems.contains(rule), () -> rule + " not found in:\n" + problems);
        }
    }

    @Test
    void theDocumentsExampleIsARaceTheServiceTakes() {
        given().header("Authorization", RealServers.raceDirection()).contentType("application/json")
                .body(RaceResource.RACE_EXAMPLE.replace("\"1000-miglia-2023\"", "\"example-2023\"")).put("/api/races/example-2023").then().statusCode(201)
                .body("legs[0].trials.type", org.hamcrest.Matchers.contains("PC", "PM", "CO", "CT"));
        // the races list is an array, paged in headers
        int total = Integer.parseInt(given().get("/api/races").then().statusCode(200).extract().header("X-Total-Count"));
        org.junit.jupiter.api.Assertions.assertTrue(total >= 1);
        given().get("/api/races?size=1&page=" + (total - 1)).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(1))
                .header("Link", org.hamcrest.Matchers.nullValue());
        given().get("/api/races?page=-1").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("page"));
    }
}
