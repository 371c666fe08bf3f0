package io.regularity.classification.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.regularity.support.config.SupportConfig;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Every setting under {@code regularity.} in the service's application.properties is one it reads (its mapping or the
 * plumbing's), so a misspelt one stops the service at its start, naming it, instead of being ignored.
 */
class ClassificationConfigTest {

    private static SmallRyeConfig config(Map<String, String> more) throws IOException {
        URL properties = ClassificationConfigTest.class.getResource("/application.properties");
        return new SmallRyeConfigBuilder().withMapping(ClassificationConfig.class).withMapping(SupportConfig.class)
                .withValidateUnknown(true).withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, 100))
                .withSources(new MapBackedConfigSource("test", more, 200) {
                }).build();
    }

    @Test
    void theServicesPropertiesAreAllReadAndTyped() throws IOException {
        SmallRyeConfig config = config(Map.of());
        ClassificationConfig classification = config.getConfigMapping(ClassificationConfig.class);
        assertEquals(Duration.ofDays(30), classification.keepProcessedEvents());
        assertEquals(330_000, classification.scoring().cachedPassages());
        assertEquals(Duration.ofMillis(500), classification.results().every());
        assertTrue(classification.dashboard().routeUrl().startsWith("http"));
        assertEquals(java.util.List.of("race-decisions", "race-results", "protest-windows"), config.getConfigMapping(SupportConfig.class).outbox().topic().orElseThrow());
    }

    @Test
    void aMisspeltSettingIsRefusedNamingIt() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> config(Map.of("regularity.scoring.cached-pasages", "10")));
        assertTrue(refused.getMessage().contains("regularity.scoring.cached-pasages"), refused.getMessage());
    }

    @Test
    void aWrongTypeIsRefusedNamingIt() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> config(Map.of("regularity.keep-processed-events", "a month")));
        assertTrue(refused.getMessage().contains("keep-processed-events"), refused.getMessage());
    }
}
