package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.timing.recovery.RestorePassages;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The drill "timing's database restored from an old backup" (docs/operations.md): passages acknowledged after the
 * backup, and voids and restores made after it, are back from the {@code passages} topic exactly as the API showed
 * them, none twice, and nothing is published again.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class RestorePassagesTest {

    static final String RACE = "restore-drill";
    /** Stands for timing-service's own group, which this test's application holds (so its offsets cannot be moved). */
    static final String GROUP = "restore-drill-timing";

    @Inject
    DataSource database;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void whatWasAcknowledgedAfterTheBackupIsBackAsItWasOnceAndNothingIsPublished() throws Exception {
        raceKnown();
        List<UUID> ids = new ArrayList<>();
        // before the backup: plain, voided, voided and restored, and two whose void or restore comes after the backup
        UUID voided = post(ids, 11, "L1-P01", "2024-06-11T09:00:01.000Z", "");
        UUID voidedAndRestored = post(ids, 12, "L1-P01", "2024-06-11T09:00:02.000Z", "");
        UUID voidedLater = post(ids, 13, "L1-P01", "2024-06-11T09:00:03.000Z", "");
        UUID restoredLater = post(ids, 14, "L1-P01", "2024-06-11T09:00:04.000Z", "");
        post(ids, 15, "L1-P02", "2024-06-11T09:00:05.123Z", ", \"precisionMs\": 0.1, \"clockUncertaintyMs\": 0");
        change(voided, "void", "car 11 typed for 17");
        change(voidedAndRestored, "void", "doubled by the backup chronometer");
        change(voidedAndRestored, "restore", "the chronometer's own crossing after all");
        change(restoredLater, "void", "wrong line");
        awaitOutboxSent();
        backup();
        Instant backupTaken = Instant.now();

        // after the backup: what the restored database lacks
        List<UUID> after = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            post(after, 20 + i, i % 2 == 0 ? "L1-P01" : "L1-P02", "2024-06-11T09:10:%02d.%03dZ".formatted(i, 7 * i),
                    i % 3 == 0 ? ", \"precisionMs\": 10, \"clockUncertaintyMs\": 38.5" : "");
        }
        change(after.get(1), "void", "a photocell's double");
        change(after.get(2), "void", "first void");
        change(after.get(2), "restore", "restored");
        change(after.get(2), "void", "voided again");
        change(voidedLater, "void", "voided after the backup");
        change(restoredLater, "restore", "restored after the backup");
        ids.addAll(after);

        awaitOutboxSent();
        Map<UUID, String> shown = views(ids);
        String journal = journal();
        long total = total();
        Map<TopicPartition, Long> published = endOffsets();
        long outboxRows = count("select count(*) from outbox");

        restoreBackup();
        for (UUID id : after) {
            given().get("/api/races/" + RACE + "/passages/" + id).then().statusCode(404);
        }
        assertNotEquals(shown.get(voidedLater), view(voidedLater), "the backup has the passage voided after it as it was before");
        assertNotEquals(shown.get(restoredLater), view(restoredLater));
        holdGroupAtTheEnd();

        String first = restore("--route-events-group", GROUP);
        assertTrue(first.contains("restored 8 passages, 4 voids, 2 restores; already present: "), first);
        Map<UUID, String> back = views(ids);
        for (UUID id : ids) {
            assertEquals(shown.get(id), back.get(id), "every acknowledged passage as GET showed it before, voided state included");
        }
        assertEquals(journal, journal(), "the voids and restores in the order they were made");
        assertEquals(total, total(), "no passage twice");
        assertEquals(published, endOffsets(), "nothing published again");
        assertEquals(outboxRows, count("select count(*) from outbox"), "nothing went through the outbox");
        assertEquals(beginningOfRouteEvents(), groupOffsets(), "timing reads the races and revocations again when it starts");

        String second = restore("--keep-route-events-offsets");
        assertTrue(second.contains("restored 0 passages, 0 voids, 0 restores; already present: "), second);
        assertEquals(shown, views(ids));
        assertEquals(journal, journal());
        assertEquals(published, endOffsets());

        // from the backup's time on (offsetsForTimes): only what was published after it, 8 passages and 6 changes
        String since = restore("--since", backupTaken.toString(), "--keep-route-events-offsets");
        assertTrue(since.contains("14 records published since " + backupTaken), since);
        assertTrue(since.contains("restored 0 passages, 0 voids, 0 restores; already present: 8 passages, 6 voids or restores"), since);
    }

    @Test
    void whatTheCommandCannotReachOrFindItSaysAndExits1() {
        String[] database = { "--jdbc-url", jdbcUrl, "--user", user, "--password", password };
        String kafka = RealServers.kafka().bootstrapServers();

        Run noDatabase = run("--jdbc-url", "jdbc:postgresql://localhost:1/timing", "--user", user, "--bootstrap-servers", kafka);
        assertEquals(1, noDatabase.exit(), noDatabase.out());
        assertTrue(noDatabase.out().contains("cannot reach timing's database jdbc:postgresql://localhost:1/timing"), noDatabase.out());

        Run noKafka = run(concat(database, "--bootstrap-servers", "localhost:1", "--kafka", "default.api.timeout.ms=1500"));
        assertEquals(1, noKafka.exit(), noKafka.out());
        assertTrue(noKafka.out().contains("cannot reach Kafka at localhost:1"), noKafka.out());

        Run noTopic = run(concat(database, "--bootstrap-servers", kafka, "--topic", "no-such-topic"));
        assertEquals(1, noTopic.exit(), noTopic.out());
        assertTrue(noTopic.out().contains("topic no-such-topic does not exist"), noTopic.out());

        // this test's application is timing-service, running: its group's offsets are not to be moved under it
        Run running = run(concat(database, "--bootstrap-servers", kafka, "--route-events-group", "timing-service"));
        assertEquals(1, running.exit(), running.out());
        assertTrue(running.out().contains("timing-service is running"), running.out());

        Run usage = runWithEnv(Map.of());
        assertEquals(2, usage.exit(), usage.out());
        assertTrue(usage.out().contains("which database?"), usage.out());
    }

    // ---- the race and its passages

    private static boolean raceKnown;

    private static void raceKnown() {
        if (raceKnown) {
            return;
        }
        RealServers.send("route-events", RACE, GoldenEvents.sample("RaceDefined").replace("golden-race", RACE));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/races/" + RACE + "/passages?size=1").statusCode() == 200);
        raceKnown = true;
    }

    private static UUID post(List<UUID> ids, int car, String point, String time, String quality) {
        UUID id = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper(RACE)).contentType(ContentType.JSON).body("""
                {"id": "%s", "car": %d, "point": "%s", "time": "%s", "device": "tk-%d", "source": "HOSE", "clockOffsetMs": %d%s}
                """.formatted(id, car, point, time, car % 3, car - 20, quality)).post("/api/races/" + RACE + "/passages")
                .then().statusCode(201);
        ids.add(id);
        return id;
    }

    private static void change(UUID id, String what, String reason) {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"" + reason + "\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/" + what).then().statusCode(200);
    }

    private static String view(UUID id) {
        return given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/passages/" + id)
                .then().statusCode(200).extract().asString();
    }

    private static Map<UUID, String> views(List<UUID> ids) {
        Map<UUID, String> views = new LinkedHashMap<>();
        ids.forEach(id -> views.put(id, view(id)));
        return views;
    }

    private static String journal() {
        return given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/passages/changes")
                .then().statusCode(200).extract().asString();
    }

    private static long total() {
        return given().get("/api/races/" + RACE + "/passages?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    // ---- the backup: this race's rows as they stand, and later put back in place of the newer ones

    private void backup() throws SQLException {
        sql("drop table if exists drill_passage", "drop table if exists drill_passage_change",
                "create table drill_passage as select * from passage where race_id = '" + RACE + "'",
                "create table drill_passage_change as select * from passage_change where race_id = '" + RACE + "'");
    }

    private void restoreBackup() throws SQLException {
        sql("delete from passage_change where race_id = '" + RACE + "'", "delete from passage where race_id = '" + RACE + "'",
                "insert into passage select * from drill_passage", "insert into passage_change select * from drill_passage_change",
                "drop table drill_passage", "drop table drill_passage_change");
    }

    private void awaitOutboxSent() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from outbox where sent_at is null and failed_at is null") == 0);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- Kafka as the test sees it

    private static KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer(null)) {
            var partitions = partitions(consumer, "passages");
            consumer.assign(partitions);
            return consumer.endOffsets(partitions);
        }
    }

    /** A stopped timing-service's group, which had read route-events to its end. */
    private static void holdGroupAtTheEnd() {
        try (var consumer = consumer(GROUP)) {
            var partitions = partitions(consumer, "route-events");
            consumer.commitSync(consumer.endOffsets(partitions).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        }
        assertNotEquals(beginningOfRouteEvents(), groupOffsets());
    }

    private static Map<TopicPartition, Long> beginningOfRouteEvents() {
        try (var consumer = consumer(null)) {
            return consumer.beginningOffsets(partitions(consumer, "route-events"));
        }
    }

    private static Map<TopicPartition, Long> groupOffsets() {
        try (Admin admin = RealServers.kafka().admin()) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the command, in-process, against this test's database and broker

    record Run(int exit, String out) {
    }

    private String restore(String... more) {
        Run run = run(concat(new String[] { "--jdbc-url", jdbcUrl, "--user", user, "--password", password, "--bootstrap-servers",
                RealServers.kafka().bootstrapServers() }, more));
        assertEquals(0, run.exit(), run.out());
        return run.out();
    }

    private static Run run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    private static Run runWithEnv(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new RestorePassages(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args, env);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return new Run(exit, out);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
