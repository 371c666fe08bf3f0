package io.regularity.route;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.regularity.testsupport.ContainerServers;

/** -Pcontainers tests against the images production's compose file runs, not others: the two lists stay one. */
class ComposeImagesNamedTest {

    @Test
    void theContainerTestsUseTheComposeFilesImages() throws Exception {
        String compose = Files.readString(Path.of("..", "deploy", "docker-compose.yml"));
        for (String image : new String[] { ContainerServers.POSTGRES_IMAGE, ContainerServers.KAFKA_IMAGE }) {
            assertTrue(compose.contains("image: " + image + "\n"), () -> "deploy/docker-compose.yml runs no " + image);
        }
    }
}
