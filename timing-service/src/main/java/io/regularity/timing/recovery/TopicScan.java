package io.regularity.timing.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import io.regularity.timing.recovery.RestorePassages.Failure;

/**
 * How {@link RestorePassages} reads the {@code passages} topic: a plain consumer in no group, committing nothing,
 * assigned to every partition from the beginning (or from {@code --since}) and polled up to the end offsets taken at
 * start, each batch handed to {@link TopicRestore}.
 */
final class TopicScan {

    private TopicScan() {
    }

    /** A plain consumer: no group, nothing committed, every record as it is, only what producers committed. */
    static Map<String, Object> consumerConfig(RestoreSettings settings) {
        Map<String, Object> config = settings.kafkaFor(ConsumerConfig.configNames());
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "restore-passages");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, String kafkaAt) {
        List<PartitionInfo> found;
        try {
            found = consumer.partitionsFor(topic);
        } catch (TimeoutException e) {
            throw new Failure("cannot reach Kafka at " + kafkaAt + ": " + e.getMessage());
        }
        if (found == null || found.isEmpty()) {
            throw new Failure("topic " + topic + " does not exist on Kafka at " + kafkaAt);
        }
        return found.stream().map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> a.partition() - b.partition()).toList();
    }

    /** Seeks every partition to the beginning, or to the first record at or after {@code since}; says which. */
    static String seek(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return "from the beginning";
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp offset = found.get(p);
            consumer.seek(p, offset == null ? end.get(p) : offset.offset());
        }
        return "published since " + since;
    }

    /** Polls until every partition reached the end offset it had at start; records beyond it are left for another day. */
    static void read(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            TopicRestore restore, Duration patience) {
        List<TopicPartition> pending = new ArrayList<>(partitions);
        pending.removeIf(p -> consumer.position(p) >= end.get(p));
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            if (!batch.isEmpty()) {
                restore.accept(batch);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > patience.toNanos()) {
                throw new Failure("Kafka gave no records for " + patience.toSeconds() + " s with " + pending.size()
                        + " partitions not read to their end (" + pending + "); nothing was written");
            }
            pending.removeIf(p -> consumer.position(p) >= end.get(p));
        }
    }
}
