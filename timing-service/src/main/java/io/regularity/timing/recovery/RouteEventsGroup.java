package io.regularity.timing.recovery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.regularity.timing.recovery.RestorePassages.Failure;

/**
 * Timing's own consumer group on {@code route-events}, as {@link RestorePassages} handles it through Kafka's admin
 * client: checked idle before anything is read (timing-service stopped), and set back to the beginning after the
 * restore, so that timing reads again the races and device revocations an old backup lacks.
 */
final class RouteEventsGroup {

    private RouteEventsGroup() {
    }

    static Map<String, Object> adminConfig(RestoreSettings settings) {
        Map<String, Object> config = settings.kafkaFor(AdminClientConfig.configNames());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        // a request may not outlast the call it belongs to
        long call = Long.parseLong(String.valueOf(config.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)));
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10000, call));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "restore-passages-admin");
        return config;
    }

    /** timing-service must not be running: its group's offsets can be moved only while it has no member. */
    static void requireIdle(Admin admin, String group) {
        try {
            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            if (!described.members().isEmpty()) {
                throw new Failure("consumer group " + group + " has " + described.members().size() + " members: timing-service is "
                        + "running; stop it first (kubectl -n regularity scale deployment/timing-service --replicas=0), or pass "
                        + "--keep-route-events-offsets");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new Failure("cannot describe consumer group " + group + ": " + e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    /** Sets the group's offsets on route-events to each partition's first offset (a compacted topic: every race's latest). */
    static void rewind(Admin admin, String group) {
        try {
            TopicDescription topic = admin.describeTopics(List.of("route-events")).allTopicNames().get().get("route-events");
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topic.partitions().forEach(p -> earliest.put(new TopicPartition("route-events", p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((p, info) -> offsets.put(p, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UnknownTopicOrPartitionException ? "topic route-events does not exist"
                    : e.getCause().getMessage();
            throw new Failure("the passages are restored, but consumer group " + group + " could not be set back to the beginning of "
                    + "route-events (" + why + "): do it by hand before timing starts (docs/operations.md)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }
}
