package io.regularity.classification.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;
import io.regularity.classification.config.ClassificationConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the map's consumer reads {@code fixes} from: the last {@code regularity.positions.fix-max-age} (2 minutes) of
 * each partition, found by the records' timestamps, whatever the group remembers (it remembers nothing: no offsets are
 * committed). Older fixes would place no car, so an instance that starts has the map as fresh as the others once it read
 * those minutes (420 cars at 10 Hz: about 500,000 small records, a few seconds).
 */
@ApplicationScoped
@Identifier("read-recent-fixes")
public class ReadRecentFixes implements KafkaConsumerRebalanceListener {

    private final ClassificationConfig config;

    public ReadRecentFixes(ClassificationConfig config) {
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long from = Instant.now().minus(config.positions().fixMaxAge()).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from));
        List<TopicPartition> toTheEnd = new ArrayList<>();
        try {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                if (at != null) {
                    consumer.seek(p, at.offset());
                } else {
                    toTheEnd.add(p); // nothing that recent: only what comes
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("could not find the recent fixes (%s): the map's cars are placed from the next fixes on", e.getMessage());
            toTheEnd.clear();
            toTheEnd.addAll(partitions);
        }
        if (!toTheEnd.isEmpty()) {
            consumer.seekToEnd(toTheEnd);
        }
    }
}
