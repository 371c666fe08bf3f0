package io.regularity.timing.messaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.timing.domain.Fix;
import io.regularity.timing.events.FixRecorded;
import io.regularity.timing.service.CrossingFinder.Track;

/**
 * A car's track in the stream processor's store and its changelog, in a compact binary form: read and written with every
 * fix (4,200 a second for 420 cars at 10 Hz), where the track's JSON, read and written back, was over half the
 * processor's time (docs/benchmarks.md). Version 1: a byte {@code 1}, then the last fix's fields in their declared order (a flag before each
 * that may be absent; an instant as epoch seconds and nanos), then the count of lines crossed and each line's id and time.
 * A track written as JSON (by the processor before this form; its first byte {@code '{'}) is still read, so a changelog
 * restored across the upgrade loses no car's track.
 */
final class TrackSerde implements Serde<Track>, Serializer<Track>, Deserializer<Track> {

    private static final byte VERSION = 1;

    private final ObjectMapper json;

    TrackSerde(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Serializer<Track> serializer() {
        return this;
    }

    @Override
    public Deserializer<Track> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public byte[] serialize(String topic, Track track) {
        if (track == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            FixRecorded f = track.last();
            uuid(out, f.eventId());
            string(out, f.type());
            out.writeInt(f.schemaVersion());
            instant(out, f.occurredAt());
            string(out, f.raceId());
            out.writeInt(f.car());
            string(out, f.device());
            instant(out, f.time());
            out.writeDouble(f.lat());
            out.writeDouble(f.lon());
            number(out, f.speedMs());
            number(out, f.headingDeg());
            number(out, f.accuracyM());
            string(out, f.source() == null ? null : f.source().name());
            instant(out, f.receivedAt());
            out.writeInt(track.crossed().size());
            for (Map.Entry<String, Instant> line : track.crossed().entrySet()) {
                out.writeUTF(line.getKey());
                instant(out, line.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Track deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            if (data[0] == '{') {
                return json.readValue(data, Track.class);
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("a track of an unknown form (version " + version + ")");
            }
            String source;
            FixRecorded last = new FixRecorded(uuid(in), string(in), in.readInt(), instant(in), string(in), in.readInt(), string(in),
                    instant(in), in.readDouble(), in.readDouble(), number(in), number(in), number(in),
                    (source = string(in)) == null ? null : Fix.Source.valueOf(source), instant(in));
            int lines = in.readInt();
            Map<String, Instant> crossed = new HashMap<>(lines * 2);
            for (int i = 0; i < lines; i++) {
                crossed.put(in.readUTF(), instant(in));
            }
            return new Track(last, crossed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        out.writeBoolean(id != null);
        if (id != null) {
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
        }
    }

    private static UUID uuid(DataInputStream in) throws IOException {
        return in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void number(DataOutputStream out, Double d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static Double number(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
