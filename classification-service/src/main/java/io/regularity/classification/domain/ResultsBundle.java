package io.regularity.classification.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The export bundle: one JSON document with every fact a race's lists follow from at a moment, so that
 * anyone can score them again offline ({@code deploy/verify-results}) and recompute the digest. Fields, in order:
 * {@code format}, {@code raceId}, {@code exportedAt}, {@code asOf}, {@code revision}, {@code digest},
 * {@code definition} (route-service's definition at that revision), {@code crews}, {@code rulings} (those that
 * count), {@code passages} (every passage received by then, each with {@code status} COUNTS or VOIDED and the
 * void; a GPS passage with its {@code evidence}). Written and read as a stream: a whole race's passages are never held as text.
 */
public final class ResultsBundle {

    public static final String FORMAT = "regularity-results-bundle/1";

    private ResultsBundle() {
    }

    public record Header(String raceId, Instant exportedAt, Instant asOf, long revision, String digest) {
    }

    public record Voided(String reason, String by, Instant at) {
    }

    /**
     * A passage as timing-service recorded it, with whether it counts at the bundle's moment; a GPS passage with its
     * evidence (the line, the fixes either side, the fraction: a protest checks its time from them).
     */
    public record Passage(UUID id, int car, String point, Instant time, long clockOffsetMs, Instant officialTime, String device,
            String source, Instant receivedAt, String status, Voided voided,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double precisionMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double clockUncertaintyMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) Evidence evidence) {

        /** A passage without evidence (a post's). */
        public Passage(UUID id, int car, String point, Instant time, long clockOffsetMs, Instant officialTime, String device,
                String source, Instant receivedAt, String status, Voided voided, Double precisionMs, Double clockUncertaintyMs) {
            this(id, car, point, time, clockOffsetMs, officialTime, device, source, receivedAt, status, voided, precisionMs,
                    clockUncertaintyMs, null);
        }
    }

    public record BundleRuling(long id, String type, int car, String trial, Integer points, String reason, String by, Instant at) {
    }

    /** Writes a bundle; {@code passages} is called once with a sink that takes each passage in turn. */
    public static void write(ObjectMapper json, OutputStream out, Header header, String definition, List<Crew> crews,
            List<Ruling> rulings, Consumer<Consumer<Passage>> passages) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("raceId", header.raceId());
            g.writeFieldName("exportedAt");
            json.writeValue(g, header.exportedAt());
            g.writeFieldName("asOf");
            json.writeValue(g, header.asOf());
            g.writeNumberField("revision", header.revision());
            g.writeStringField("digest", header.digest());
            g.writeFieldName("definition");
            g.writeTree(json.readTree(definition));
            g.writeFieldName("crews");
            json.writeValue(g, crews);
            g.writeFieldName("rulings");
            json.writeValue(g, rulings.stream().map(r -> new BundleRuling(r.id(), r.type().name(), r.car(), r.trial(), r.points(),
                    r.reason(), r.by(), r.at())).toList());
            g.writeArrayFieldStart("passages");
            passages.accept(p -> {
                try {
                    json.writeValue(g, p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** A bundle as read back: its header, its facts, and how many passages it holds (of crews and of cars not entered). */
    public record Read(Header header, RaceFacts facts, int passages, int voided) {
    }

    public static Read read(ObjectMapper json, InputStream in) throws IOException {
        String raceId = null;
        Instant exportedAt = null;
        Instant asOf = null;
        long revision = -1;
        String digest = null;
        JsonNode definition = null;
        List<Crew> crews = List.of();
        List<Ruling> rulings = List.of();
        Map<Integer, List<PassageFact>> passages = new HashMap<>();
        int count = 0;
        int voided = 0;
        try (JsonParser p = json.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a results bundle: it does not start with {");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!FORMAT.equals(p.getText())) {
                            throw new IOException("not a results bundle of format " + FORMAT + ": " + p.getText());
                        }
                    }
                    case "raceId" -> raceId = p.getText();
                    case "exportedAt" -> exportedAt = instant(p);
                    case "asOf" -> asOf = instant(p);
                    case "revision" -> revision = p.getLongValue();
                    case "digest" -> digest = p.getText();
                    case "definition" -> definition = p.readValueAsTree();
                    case "crews" -> crews = List.of(p.readValueAs(Crew[].class));
                    case "rulings" -> rulings = Arrays.stream(p.readValueAs(BundleRuling[].class))
                            .map(r -> new Ruling(r.id(), Ruling.Type.valueOf(r.type()), r.car(), r.trial(), r.points(), r.reason(),
                                    r.by(), r.at()))
                            .toList();
                    case "passages" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Passage passage = p.readValueAs(Passage.class);
                            boolean isVoided = "VOIDED".equals(passage.status());
                            // the official time as scoring makes it: the device's time plus its clock offset
                            passages.computeIfAbsent(passage.car(), k -> new ArrayList<>()).add(new PassageFact(passage.id(),
                                    passage.car(), passage.point(), passage.time().plusMillis(passage.clockOffsetMs()), isVoided));
                            count++;
                            voided += isVoided ? 1 : 0;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (raceId == null || definition == null || revision < 0) {
            throw new IOException("not a complete results bundle: raceId, revision and definition are needed");
        }
        RaceDefinition race = RaceDefinition.read(json, raceId, revision, definition.toString());
        return new Read(new Header(raceId, exportedAt, asOf, revision, digest), new RaceFacts(race, crews, passages, rulings), count,
                voided);
    }

    private static Instant instant(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : Instant.parse(p.getText());
    }
}
