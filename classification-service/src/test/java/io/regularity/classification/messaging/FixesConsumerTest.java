package io.regularity.classification.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regularity.classification.config.ClassificationConfig;
import io.regularity.classification.domain.Positions.Fix;
import io.regularity.classification.events.FixEvent;
import io.regularity.classification.service.LatestFixes;
import io.regularity.testsupport.GoldenEvents;

/**
 * The map's consumer keeps each car's newest fix, skips what it cannot read, and is cheap: the whole 1000 Miglia at 10 Hz
 * (4,200 fixes a second) is a small share of one core (the rate is printed, not asserted: timing is the benchmark's).
 */
class FixesConsumerTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static ClassificationConfig config(Duration maxAge) {
        ClassificationConfig.Positions positions = () -> maxAge;
        return (ClassificationConfig) Proxy.newProxyInstance(ClassificationConfig.class.getClassLoader(), new Class<?>[] { ClassificationConfig.class },
                (proxy, method, args) -> method.getName().equals("positions") ? positions : null);
    }

    static String fix(String race, int car, Instant time, double lat) {
        return """
                {"eventId":"2b6f0f4e-93a1-4f7e-8d7c-5a0e3c1b9d24","type":"FixRecorded","schemaVersion":1,"occurredAt":"%s","raceId":"%s",\
                "car":%d,"device":"crew-%d","time":"%s","lat":%s,"lon":9.59372,"speedMs":16.4,"headingDeg":212.5,"accuracyM":3.5,\
                "source":"PHONE","receivedAt":"%s"}""".formatted(time, race, car, car, time, lat, time);
    }

    static ConsumerRecords<String, String> records(List<String> values) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            list.add(new ConsumerRecord<>("fixes", 0, i, "k", values.get(i)));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("fixes", 0), list), Map.of());
    }

    @Test
    void theGoldenSampleIsRead() throws Exception {
        FixEvent e = JSON.readValue(GoldenEvents.sample("FixRecorded"), FixEvent.class);
        assertNull(e.problem());
        assertEquals("golden-race", e.raceId());
        assertEquals(48, e.car());
        assertEquals(Instant.parse("2024-06-11T09:12:33.400Z"), e.time());
        assertEquals(212.5, e.headingDeg());
    }

    @Test
    void eachCarsNewestFixIsKeptAndWhatCannotBeReadIsSkipped() {
        LatestFixes latest = new LatestFixes();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FixesConsumer consumer = new FixesConsumer(latest, JSON, config(Duration.ofMinutes(2)), registry);
        Instant now = Instant.now();
        consumer.consume(records(List.of(fix("r", 7, now.minusSeconds(1), 45.1), fix("r", 7, now.minusSeconds(2), 45.2), "{not json",
                "{\"type\":\"FixRecorded\",\"raceId\":\"r\",\"car\":8}", fix("r", 9, now.minusSeconds(300), 45.3),
                fix("r", 10, now, 91.0))));
        Fix seven = latest.of("r").get(7);
        assertEquals(45.1, seven.lat(), "the newer by its time, though read first");
        assertEquals(1, latest.size(), "no car 8 (no time), 9 (5 minutes old), 10 (lat 91)");
        assertEquals(1.0, registry.get("classification.fixes").tag("outcome", "kept").counter().count());
        assertEquals(2.0, registry.get("classification.fixes").tag("outcome", "older").counter().count());
        assertEquals(3.0, registry.get("classification.fixes").tag("outcome", "unreadable").counter().count());
        latest.forgetBefore(now);
        assertEquals(0, latest.size(), "a fix too old to place its car is dropped");
    }

    @Test
    void fourHundredAndTwentyCarsAtTenHertzAreCheap() {
        LatestFixes latest = new LatestFixes();
        FixesConsumer consumer = new FixesConsumer(latest, JSON, config(Duration.ofMinutes(2)), new SimpleMeterRegistry());
        Instant start = Instant.now().minusSeconds(60);
        List<ConsumerRecords<String, String>> batches = new ArrayList<>();
        for (int second = 0; second < 30; second++) { // 30 s of the race: 126,000 fixes in batches of 2,100
            for (int half = 0; half < 2; half++) {
                List<String> values = new ArrayList<>();
                for (int tenth = half * 5; tenth < half * 5 + 5; tenth++) {
                    for (int car = 1; car <= 420; car++) {
                        values.add(fix("mm", car, start.plusMillis(second * 1000L + tenth * 100L), 45 + car * 1e-4 + second * 1e-5));
                    }
                }
                batches.add(records(values));
            }
        }
        batches.subList(0, 10).forEach(consumer::consume); // warm up
        long t0 = System.nanoTime();
        batches.forEach(consumer::consume);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int fixes = batches.stream().mapToInt(ConsumerRecords::count).sum();
        System.out.printf("FixesConsumer: %d fixes in %.3f s, %.0f fixes/s on one thread (%.1f %% of a core at 4,200/s)%n", fixes, seconds,
                fixes / seconds, 4200 / (fixes / seconds) * 100);
        assertEquals(420, latest.size());
        assertEquals(start.plusMillis(29_900), latest.of("mm").get(1).time());
    }
}
