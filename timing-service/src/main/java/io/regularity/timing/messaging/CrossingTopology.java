package io.regularity.timing.messaging;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.support.messaging.IsoInstants;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.events.GpsCrossing;
import io.regularity.timing.persistence.KnownRaceRepository;
import io.regularity.timing.service.CrossingFinder;
import io.regularity.timing.service.CrossingFinder.Track;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The stream processor of the cars' fixes (Kafka Streams, run by Quarkus' extension): {@code fixes} → each car's last fix
 * in a state store (its track) → the crossings of its race's virtual lines → {@code gps-crossings}, which {@link GpsCrossingsConsumer}
 * records as passages. Partitioned by car (the topics' key {@code raceId/car}), so more instances take more cars; the store
 * is in memory and logged to its changelog topic, so an instance taking over a partition knows each car's last fix.
 * Exactly once (docs/architecture.md, "GPS crossings"): a processor killed mid-race neither loses nor repeats a crossing.
 * The races' lines are read from timing's replica of the route ({@link KnownRaceRepository#gpsLines}); a line defined
 * later is found in the fixes already sent by a re-processing (recovery/LineReplays).
 */
@ApplicationScoped
public class CrossingTopology {

    /** Each car's track (its last fix, its last crossing of each line), keyed {@code raceId/car}, in {@link TrackSerde}'s form. */
    public static final String TRACKS = "tracks";

    private final ObjectMapper json;
    private final KnownRaceRepository races;

    public CrossingTopology(ObjectMapper json, KnownRaceRepository races) {
        this.json = json;
        this.races = races;
    }

    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        ObjectMapper fixes = IsoInstants.reader(json);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TRACKS), Serdes.String(), new TrackSerde(json)));
        builder.stream(FixRecorded.TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Crossings(fixes, races), TRACKS)
                .to(GpsCrossing.TOPIC, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /**
     * A stream thread that fails (the database away when the races' lines are read for the first time, say) is replaced
     * after a second, and its partitions go on from their last commit: exactly once, nothing skipped, no thread dead.
     */
    @Produces
    public StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return e -> {
            Log.warnf(e, "a GPS crossings stream thread failed; it is replaced and goes on from its last commit");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /** For each fix, the crossings between the car's last fix and it (CrossingFinder.next); then it is the last. */
    static final class Crossings implements Processor<String, String, String, String> {

        private final ObjectMapper json;
        private final KnownRaceRepository races;
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, Track> tracks;

        Crossings(ObjectMapper json, KnownRaceRepository races) {
            this.json = json;
            this.races = races;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.tracks = context.getStateStore(TRACKS);
        }

        @Override
        public void process(Record<String, String> record) {
            FixRecorded fix = read(record.value(), FixRecorded.class);
            if (fix == null || fix.raceId() == null || fix.time() == null) {
                return;
            }
            String key = fix.key();
            Track track;
            try {
                track = tracks.get(key);
            } catch (RuntimeException unreadable) { // never a thread failing on it again and again: the car starts a new track
                Log.warnf("the track of %s does not read (%s); it starts again from this fix", key, unreadable.getMessage());
                track = null;
            }
            if (track != null && !CrossingFinder.follows(track.last(), fix)) {
                return;
            }
            List<GpsLine> lines = track == null ? List.of() : races.gpsLines(fix.raceId());
            CrossingFinder.Step step = CrossingFinder.next(track, fix, lines);
            for (GpsCrossing crossing : step.crossings()) {
                context.forward(record.withKey(crossing.key()).withValue(write(crossing)));
            }
            tracks.put(key, step.track());
        }

        private <T> T read(String text, Class<T> type) {
            try {
                return json.readValue(text, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                Log.warnf("skipped a record that does not read as a %s: %s: %.200s", type.getSimpleName(), e.getMessage(), text);
                return null;
            }
        }

        private String write(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write a crossing", e);
            }
        }
    }
}
