package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;

/**
 * Issue 34: when the outbox relay's thread died (an out-of-memory error took it once), liveness stayed UP and a ruling
 * made afterwards never reached Kafka. Liveness now watches the relay (service-support's Workers; its death turning
 * liveness DOWN is WorkersTest's).
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class LivenessTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @Test
    void livenessWatchesTheOutboxRelay() {
        given().get(live).then().statusCode(200).body("checks.name", hasItem("workers"))
                .body("checks.find { it.name == 'workers' }.data.outbox-relay", equalTo("running"));
    }
}
