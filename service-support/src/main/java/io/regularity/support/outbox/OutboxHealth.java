package io.regularity.support.outbox;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an operator watches of the outbox: rows waiting and the oldest one's age (Kafka away or slow),
 * and rows set aside because Kafka can never take them. In {@code /q/health} (the wellness group, DOWN
 * while a row is set aside: someone must look; readiness and liveness are not affected, the service
 * still takes writes) and as the gauges {@code outbox.waiting}, {@code outbox.failed} and
 * {@code outbox.oldest.seconds}.
 */
@Wellness
@ApplicationScoped
@Startup // the gauges exist from the start, not from the first call of /q/health (probes never make it)
@IfBuildProperty(name = "regularity.outbox.enabled", stringValue = "true")
public class OutboxHealth implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealth(OutboxRelay relay, MeterRegistry registry) {
        this.relay = relay;
        Gauge.builder("outbox.waiting", () -> backlog().waiting()).description("outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("outbox.failed", () -> backlog().failed()).description("outbox rows Kafka can never take, set aside")
                .register(registry);
        Gauge.builder("outbox.oldest.seconds", () -> backlog().oldestWaiting().toMillis() / 1000.0)
                .description("age of the oldest outbox row not yet sent").register(registry);
    }

    private OutboxRelay.Backlog backlog() {
        try {
            return relay.backlog();
        } catch (RuntimeException e) {
            return new OutboxRelay.Backlog(-1, -1, Duration.ZERO);
        }
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Backlog b = backlog();
        return HealthCheckResponse.named("outbox").status(b.failed() == 0).withData("waiting", b.waiting())
                .withData("failed", b.failed()).withData("oldestWaitingSeconds", b.oldestWaiting().toSeconds()).build();
    }
}
