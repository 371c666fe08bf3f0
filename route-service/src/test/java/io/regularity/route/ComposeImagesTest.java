package io.regularity.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.regularity.testsupport.ContainerServers;

/**
 * The images docker-compose runs, as the tests' servers ({@code ./mvnw verify -Pcontainers}): where Docker answers,
 * PostgreSQL 18 takes a service's database and the Kafka broker answers. Without Docker, JUnit reports it skipped
 * ("disabledWithoutDocker"), and the build goes on with the embedded servers as always.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeImagesTest {

    @Test
    void theComposeImagesServeAsTheTestsServers() throws Exception {
        ContainerServers.createDatabase("probe");
        try (var c = DriverManager.getConnection(ContainerServers.jdbcUrl("probe"), "probe", "probe");
                var rs = c.createStatement().executeQuery("show server_version")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("16"), rs.getString(1));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", ContainerServers.bootstrapServers()))) {
            assertEquals(1, admin.describeCluster().nodes().get().size());
        }
    }
}
