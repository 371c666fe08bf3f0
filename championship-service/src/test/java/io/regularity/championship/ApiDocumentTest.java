package io.regularity.championship;

import static io.restassured.RestAssured.given;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.ApiDocumentCheck;
import io.regularity.testsupport.RealServers;

/** The OpenAPI document a client developer reads: valid, lint-clean, and the one committed in openapi/. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "championship"))
class ApiDocumentTest {

    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void theDocumentIsValidCleanAndCommitted() throws Exception {
        ApiDocumentCheck.assertCleanAndCommitted("championship-service",
                given().accept("application/yaml").get(openapi).then().statusCode(200).extract().asString());
    }
}
