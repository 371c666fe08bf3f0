package io.regularity.support.metrics;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every metric carries {@code service="<application name>"}, so one Prometheus query (and deploy/monitoring's
 * alerts and dashboard) tells the services apart however they are scraped.
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(List.of(Tag.of("service", service)));
    }
}
