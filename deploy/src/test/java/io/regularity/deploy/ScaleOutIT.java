package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.testsupport.Topics;

/**
 * Scale-out under faults: a three-node Kafka cluster on loopback with {@code passages} replicated
 * three times, and two classification-service instances in one consumer group, two consumers each: four consumers
 * score different crews of the same race at once. One broker and one instance go away mid-race; nothing is lost and
 * the standings equal a clean run's.
 */
class ScaleOutIT {

    static Stack stack;
    static final DemoRace DEMO = DemoRace.generate(30, 11);
    static final List<RaceFeed.Crossing> CROSSINGS = new RaceFeed(DEMO, 11).crossings().subList(0, 6000);

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(SharedStack.root(), SharedStack.root().resolve("deploy/target/scale-out"), Stack.Ports.free(), false,
                SharedStack.root().resolve("deploy/target/scale-out/tokens"), new Stack.Topology(3, 2));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBrokerAndAClassificationInstanceStoppedMidRaceLoseNothing() throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            var passages = admin.describeTopics(List.of(Topics.PASSAGES)).allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.PASSAGES);
            assertTrue(passages.partitions().stream().allMatch(p -> p.replicas().size() == 3 && p.isr().size() == 3),
                    "passages is replicated on three brokers: " + passages);

            String clean = DEMO.publish(stack, "clean");
            String faulty = DEMO.publish(stack, "faulty");
            FaultsIT.post(stack, clean, CROSSINGS);
            FaultsIT.awaitConsumed(stack);
            var members = admin.describeConsumerGroups(List.of("classification-service")).all().get(30, TimeUnit.SECONDS)
                    .get("classification-service").members();
            assertEquals(4, members.stream().filter(m -> m.assignment().topicPartitions().stream()
                    .anyMatch(p -> p.topic().equals(Topics.PASSAGES))).count(),
                    "both instances consume passages, with two consumers each, all on crews of the same two races: " + members);

            FaultsIT.post(stack, faulty, CROSSINGS.subList(0, 3000));
            int leader = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
            stack.kafka().stopNode(leader); // the broker leading the metadata quorum goes away
            stack.crash("classification-service-2"); // and one instance dies with events in flight
            FaultsIT.post(stack, faulty, CROSSINGS.subList(3000, CROSSINGS.size()));
            FaultsIT.awaitConsumed(stack);

            String expected = FaultsIT.standings(stack, clean);
            assertTrue(expected.contains("\"trialsScored\""), expected);
            assertEquals(expected, FaultsIT.standings(stack, faulty), "the faulty run's standings differ from the clean run's");
        }
    }
}
