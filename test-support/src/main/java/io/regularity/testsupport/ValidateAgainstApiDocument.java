package io.regularity.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;

/**
 * Puts {@link ApiDocumentFilter} in front of every REST-assured call of a service's {@code @QuarkusTest}s (registered
 * in META-INF/services, so no test has to remember it). The service is the module the tests run in.
 */
public class ValidateAgainstApiDocument implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        String service = Path.of("").toAbsolutePath().getFileName().toString();
        if (!Files.exists(ApiDocumentCheck.committed(service))
                || RestAssured.filters().stream().anyMatch(f -> f instanceof ApiDocumentFilter)) {
            return;
        }
        RestAssured.filters(ApiDocumentFilter.of(service));
    }
}
