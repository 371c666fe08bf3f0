package io.regularity.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The golden samples that pin each Kafka event's shape. Producers check that what they write has
 * the sample's fields; consumers check that they read the sample.
 */
public final class GoldenEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenEvents() {
    }

    /** The sample's text, e.g. {@code sample("PassageRecorded")}. */
    public static String sample(String type) {
        try (InputStream in = GoldenEvents.class.getResourceAsStream("/events/" + type + ".v1.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden sample for " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The set of field paths of a JSON document (arrays folded to {@code []}), to compare shapes. */
    public static TreeSet<String> shape(String json) {
        try {
            TreeSet<String> paths = new TreeSet<>();
            collect(JSON.readTree(json), "", paths);
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, String prefix, TreeSet<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var field = it.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                collect(field.getValue(), path, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, prefix + "[]", paths);
            }
        }
    }
}
