package io.regularity.championship.messaging;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Both topics this service reads ({@code race-results}, {@code championships}) are compacted, a few records a race
 * or a revision, and are read from their beginning at every start, whatever the consumer group committed: what the
 * database holds is kept (the latest results replace what they replace, a revision it has is skipped), and a database
 * lost or started empty is filled again from Kafka alone.
 */
@ApplicationScoped
@Identifier("from-the-beginning")
public class FromTheBeginning implements KafkaConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
    }
}
