package io.regularity.timing.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.regularity.support.messaging.IsoInstants;
import io.regularity.timing.config.TimingConfig;
import io.regularity.timing.domain.GpsLine;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.events.GpsCrossing;
import io.regularity.timing.persistence.KnownRaceRepository;
import io.regularity.timing.persistence.LineReplayRepository;
import io.regularity.timing.persistence.LineReplayRepository.LineReplay;
import io.regularity.timing.service.CrossingFinder;
import io.regularity.timing.service.PassageService;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The re-processing of the fixes already sent for a virtual line defined, or moved, after they were (issue 39): the
 * stream processor measures each fix against the lines it knows when the fix comes, so a line placed at noon finds the
 * morning's crossings here. One instance at a time takes a race's requests (line_replay, asked for by
 * {@link PassageService#raceDefined}), once the lines they name have had time to reach every instance's stream processor
 * ({@code regularity.gps.replay-settle}): every line of the race waiting then, in one reading of {@code fixes} from the
 * day before the race's first leg up to the end the topic had when it began. It rebuilds each car's track as the
 * processor does ({@link CrossingFinder}) and records the crossings of those lines as passages, with the same ids as the
 * processor's: what both find is recorded once. The
 * point's GPS passages are first put in the state the line says now (PassageService.alignGpsPassages: a moved line's old
 * crossings voided, a line moved back counting again, a backup's voided). A failure lets the request go, to be taken
 * again at the next look. Progress is kept in the table, and shown by
 * {@code GET …/gps/replays}.
 */
@ApplicationScoped
public class LineReplays {

    /** How often a request is looked for; how long an unfinished one stays its instance's before another takes it over. */
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration ABANDONED = Duration.ofMinutes(10);

    private final LineReplayRepository replays;
    private final KnownRaceRepository races;
    private final PassageService passages;
    private final ObjectMapper json;
    private final ObjectMapper fixes; // instants read quickly, as the stream processor reads them: a re-processing reads days of fixes
    private final Map<String, Object> kafka;
    private final Duration settle;
    private ScheduledExecutorService worker;

    public LineReplays(LineReplayRepository replays, KnownRaceRepository races, PassageService passages, ObjectMapper json,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, TimingConfig config) {
        this.replays = replays;
        this.races = races;
        this.passages = passages;
        this.json = json;
        this.fixes = IsoInstants.reader(json);
        this.kafka = kafka;
        this.settle = config.gps().replaySettle();
    }

    void start(@Observes StartupEvent start) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gps-line-replays");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::next, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Takes the next race's waiting requests, if any, and does them; a failure leaves them to be taken again. Never lets the worker die. */
    void next() {
        List<LineReplay> claimed = List.of();
        try {
            claimed = replays.claim(Instant.now(), settle, ABANDONED);
            if (!claimed.isEmpty()) {
                replay(claimed);
            }
        } catch (Throwable e) {
            Log.warnf(e, "a re-processing of the fixes failed; it will be taken again");
            for (LineReplay request : claimed) {
                try {
                    replays.release(request.id());
                } catch (RuntimeException notNow) {
                    Log.warnf("a failed re-processing could not be let go (%s); another takes it in %s", notNow.getMessage(), ABANDONED);
                }
            }
        }
    }

    /** One race's requests, its lines re-processed in one reading of the fixes. */
    void replay(List<LineReplay> requests) throws RuntimeException {
        String raceId = requests.get(0).raceId();
        Map<String, List<LineReplay>> byPoint = new HashMap<>(); // each point's line to find, and the requests it answers
        List<GpsLine> lines = new ArrayList<>();
        List<GpsLine> stored = races.storedGpsLines(raceId);
        for (LineReplay request : requests) {
            GpsLine line;
            try {
                line = json.readValue(request.line(), GpsLine.class);
            } catch (Exception e) {
                Log.errorf("a re-processing of race %s asks for a line that does not read: %s", raceId, request.line());
                replays.done(request.id(), 0, 0, Instant.now());
                continue;
            }
            if (!stored.contains(line)) {
                Log.infof("the line at %s of race %s changed again before its re-processing; the newer one is re-processed", line.point(),
                        raceId);
                replays.done(request.id(), 0, 0, Instant.now());
                continue;
            }
            if (byPoint.containsKey(line.point())) { // the point's stored line asked for twice: one reading answers both
                byPoint.get(line.point()).add(request);
                continue;
            }
            byPoint.put(line.point(), new ArrayList<>(List.of(request)));
            lines.add(line);
        }
        if (lines.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int aligned = 0;
        for (GpsLine line : lines) {
            aligned += passages.alignGpsPassages(raceId, line.point(), line);
        }
        Instant since = races.find(raceId).map(r -> r.firstDay())
                .map(day -> day.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(null);
        long read = 0;
        Map<String, Integer> found = new HashMap<>();
        Map<String, CrossingFinder.Track> tracks = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(kafka), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FixRecorded.TOPIC).stream()
                    .map(p -> new TopicPartition(FixRecorded.TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            TopicScan.seek(consumer, partitions, end, since); // from the first fix at or after since; the beginning when the race has no date
            List<TopicPartition> pending = new ArrayList<>(partitions);
            pending.removeIf(p -> consumer.position(p) >= end.get(p));
            while (!pending.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
                            || record.key() == null || !record.key().startsWith(raceId + "/")) {
                        continue;
                    }
                    read++;
                    FixRecorded fix = fix(record.value());
                    if (fix == null || !raceId.equals(fix.raceId()) || fix.time() == null) {
                        continue;
                    }
                    CrossingFinder.Step step = CrossingFinder.next(tracks.get(fix.key()), fix, lines);
                    for (GpsCrossing crossing : step.crossings()) {
                        if (passages.recordCrossing(crossing)) {
                            found.merge(crossing.point(), 1, Integer::sum);
                        }
                    }
                    tracks.put(fix.key(), step.track());
                }
                pending.removeIf(p -> consumer.position(p) >= end.get(p));
                for (List<LineReplay> answered : byPoint.values()) {
                    for (LineReplay request : answered) {
                        replays.progress(request.id(), read, found.getOrDefault(request.point(), 0), Instant.now());
                    }
                }
            }
        }
        for (List<LineReplay> answered : byPoint.values()) {
            for (LineReplay request : answered) {
                replays.done(request.id(), read, found.getOrDefault(request.point(), 0), Instant.now());
            }
        }
        Log.infof("re-processed %d fixes of race %s for the lines at %s: %d new crossings, %d passages put in the lines' state, in %d ms",
                read, raceId, byPoint.keySet(), found.values().stream().mapToInt(Integer::intValue).sum(), aligned,
                (System.nanoTime() - started) / 1_000_000);
    }

    private FixRecorded fix(String value) {
        try {
            return fixes.readValue(value, FixRecorded.class);
        } catch (Exception e) {
            return null;
        }
    }

    /** The service's {@code kafka.*} settings (bootstrap, TLS, SASL), as a plain consumer in no group. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "timing-service-line-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
