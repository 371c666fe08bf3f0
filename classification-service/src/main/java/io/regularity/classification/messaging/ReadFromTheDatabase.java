package io.regularity.classification.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;
import io.regularity.classification.service.ScoringService;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where classification reads each topic from is what its database holds, not what Kafka remembers of the consumer
 * group: {@code passages} from the offsets recorded in the transactions that applied them (from the beginning when
 * the database has none: a lost database started empty, or a new one), {@code route-events} and
 * {@code race-decisions} always from their beginning (compacted, a few records per race; what the database holds
 * already is skipped by its revision or version).
 */
@ApplicationScoped
@Identifier("read-from-the-database")
public class ReadFromTheDatabase implements KafkaConsumerRebalanceListener {

    private final ScoringService scoring;

    public ReadFromTheDatabase(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> fromTheStart = new ArrayList<>();
        Map<Integer, Long> positions = Map.of();
        if (partitions.stream().anyMatch(p -> p.topic().equals("passages"))) {
            try {
                positions = scoring.positions("passages");
            } catch (RuntimeException e) {
                Log.warnf("could not read where passages were applied to (%s): reading on from the group's offsets", e.getMessage());
                return;
            }
        }
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long next = partition.topic().equals("passages") ? positions.get(partition.partition()) : null;
            if (next != null) {
                consumer.seek(partition, next);
                applied.put(partition, new OffsetAndMetadata(next));
            } else {
                fromTheStart.add(partition);
            }
        }
        if (!applied.isEmpty()) {
            // the group's offsets say the same as the database (its lag is what is left to apply, also on a partition
            // that gets nothing new): the connector commits only offsets of records it delivers after this
            try {
                consumer.commitSync(applied);
            } catch (RuntimeException e) {
                Log.warnf("could not commit where passages were applied to (%s): the group's lag may show more than is left", e.getMessage());
            }
        }
        if (!fromTheStart.isEmpty()) {
            consumer.seekToBeginning(fromTheStart);
            if (fromTheStart.stream().anyMatch(p -> p.topic().equals("passages"))) {
                Log.infof("reading %s from the beginning: the database has not applied them yet", fromTheStart);
            }
        }
    }
}
