package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Issue 34, against the packaged services: whatever an address or a workbook holds, an answer below 500 within
 * seconds, and no service's heap past its limit. Every path parameter and query value of the three committed API
 * documents gets hostile text (a NUL, CR and LF, quotes, a backslash, U+FFFE, half a surrogate pair, 10,000 characters,
 * and random mixes of them); random workbooks (addresses past Excel's limits or malformed, huge declared dimensions,
 * shared strings out of range, either date system) go to every door that reads one.
 */
class HostileInputIT {

    static final Duration LIMIT = Duration.ofSeconds(5);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stack stack;
    static HttpClient http;
    static String race;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        race = "hostile-race";
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + race, """
                {"name": "Hostile", "year": 2024, "legs": [{"number": 1, "name": "L", "date": "2024-06-11", "startPoint": "S",
                  "timingPoints": [{"id": "S"}, {"id": "A"}], "trials": [{"id": "CT1", "type": "CT", "point": "A"}]}]}
                """);
        stack.awaitRaceKnown(race);
    }

    /** Percent-encoded hostile values: what a client may put in a path segment or a query value. */
    static List<String> hostile(Random random) {
        List<String> values = new ArrayList<>(List.of("%00", "x%00y", "%0D%0A", "x%0D%0ASet-Cookie:%20a=b", "%22%3B%20filename%3D%22evil.bat",
                "%5C", "%27%20or%201=1%20--", "%EF%BF%BE", "%EF%BF%BF", "%ED%A0%80", "%C0%AF", "%E2", "%", "%zz", "..%2F..%2Fetc%2Fpasswd",
                "%F0%9F%8F%81", "x".repeat(10_000), "%C3%A9".repeat(10_000), "-1", "99999999999999999999", "1e400", "NaN", ""));
        String[] pieces = { "%00", "%0A", "%0D", "%22", "%5C", "%EF%BF%BE", "%ED%B0%80", "a", "Z", "9", "%20", "-", ".", "%2F", "%25", "%C3%A8" };
        for (int i = 0; i < 12; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(40); n >= 0; n--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(value.toString());
        }
        return values;
    }

    @Test
    void everyPathAndQueryValueOfTheThreeDocumentsIsAnsweredBelow500WithinSeconds() throws Exception {
        Random random = new Random(34);
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (String service : Stack.SERVICES) {
            String base = stack.service(service).url();
            JsonNode document = YAML.readTree(Files.readString(SharedStack.root().resolve("openapi/" + service + ".yaml")));
            for (var path = document.get("paths").fields(); path.hasNext();) {
                var entry = path.next();
                for (var operation = entry.getValue().fields(); operation.hasNext();) {
                    var op = operation.next();
                    String method = op.getKey().toUpperCase();
                    Map<String, String> pathParams = new LinkedHashMap<>();
                    List<String> queryParams = new ArrayList<>();
                    for (JsonNode parameter : op.getValue().path("parameters")) {
                        if (parameter.path("in").asText().equals("path")) {
                            pathParams.put(parameter.path("name").asText(), benign(parameter.path("name").asText()));
                        } else if (parameter.path("in").asText().equals("query")) {
                            queryParams.add(parameter.path("name").asText());
                        }
                    }
                    for (String value : hostile(random)) {
                        for (String name : pathParams.keySet()) {
                            Map<String, String> values = new HashMap<>(pathParams);
                            values.put(name, value);
                            asked++;
                            ask(method, base + fill(entry.getKey(), values), failures);
                        }
                        for (String name : queryParams) {
                            asked++;
                            ask(method, base + fill(entry.getKey(), pathParams) + "?" + name + "=" + value, failures);
                        }
                    }
                }
            }
        }
        assertTrue(asked > 1000, "asked " + asked);
        assertEquals(List.of(), failures, failures.size() + " of " + asked + " calls");
        everyServiceIsAlive();
    }

    /** A value a path parameter takes when another one is the hostile: the race this test defined, a car, a trial. */
    static String benign(String name) {
        return switch (name) {
            case "raceId" -> race;
            case "n", "car" -> "1";
            case "trialId" -> "CT1";
            default -> "x";
        };
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "x")));
        }
        return m.appendTail(out).toString();
    }

    /** One call with race direction's token and no body: a status below 500, its headers within {@link #LIMIT}. */
    static void ask(String method, String url, List<String> failures) {
        String shown = method + " " + (url.length() > 160 ? url.substring(0, 160) + "…" : url);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(LIMIT).header("Authorization", "Bearer " + stack.directionToken("hostile"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
        } catch (IllegalArgumentException notAUri) {
            return; // the client refuses to send it ("%zz"): nothing reaches the service
        }
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream()); // a stream: its headers
            response.body().close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (response.statusCode() >= 500 || took.compareTo(LIMIT) > 0) {
                failures.add(shown + " → " + response.statusCode() + " in " + took.toMillis() + " ms");
            }
        } catch (IOException e) {
            failures.add(shown + " → no answer within " + LIMIT.toSeconds() + " s: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void randomWorkbooksAreReadOrRefusedBelow500AndNoHeapPassesItsLimit() throws Exception {
        Random random = new Random(340);
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        String[] doors = { stack.routeUrl() + "/api/races/" + race + "-sheet?dryRun=true", stack.classificationUrl() + "/api/races/" + race
                + "/crews?dryRun=true", stack.classificationUrl() + "/api/sheets" };
        String[] methods = { "PUT", "POST", "POST" };
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            byte[] workbook = workbook(random);
            int door = i % doors.length;
            HttpRequest request = HttpRequest.newBuilder(URI.create(doors[door])).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + stack.directionToken("hostile")).header("Content-Type", xlsx)
                    .method(methods[door], HttpRequest.BodyPublishers.ofByteArray(workbook)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() >= 400 && !response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json")) {
                failures.add("workbook " + i + " at " + doors[door] + " → " + response.statusCode() + " " + response.body());
            }
        }
        assertEquals(List.of(), failures);
        everyServiceIsAlive();
    }

    /** Each service still runs, liveness UP, its heap below its limit (an OutOfMemoryError would have ended it). */
    static void everyServiceIsAlive() throws IOException, InterruptedException {
        for (String name : Stack.SERVICES) {
            assertTrue(stack.service(name).alive(), name + " ended");
            assertEquals(200, new Api().send("GET", stack.managementUrl(name) + "/q/health/live", null).status(), name);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(name) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double used = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*}");
            double max = sum(metrics, "jvm_memory_max_bytes\\{area=\"heap\"[^}]*}");
            assertTrue(used > 0 && used < max, name + ": heap " + used + " of " + max);
        }
    }

    static double sum(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Math.max(0, Double.parseDouble(m.group(1)));
        }
        return total;
    }

    /** A workbook as a careless program or an attacker writes it: its first sheet's rows at random addresses. */
    static byte[] workbook(Random random) throws IOException {
        StringBuilder rows = new StringBuilder();
        String[] addresses = { "A1", "B2", "XFD1048576", "XFE1", "A1048577", "ZZZZZZ1", "FXSHRXW1", "A2147483647", "a1", "1A", "A0", "$A$1", "" };
        int row = 1;
        for (int n = random.nextInt(8); n >= 0; n--) {
            String r = random.nextInt(6) == 0 ? String.valueOf(random.nextInt(6) == 0 ? Integer.MAX_VALUE : 50_000_000) : String.valueOf(row++);
            String cell = random.nextBoolean() ? addresses[random.nextInt(addresses.length)] : "A" + r;
            String value = switch (random.nextInt(4)) {
                case 0 -> "<c r=\"" + cell + "\" t=\"s\"><v>" + (random.nextBoolean() ? random.nextInt(3) : Integer.MAX_VALUE) + "</v></c>";
                case 1 -> "<c r=\"" + cell + "\" t=\"inlineStr\"><is><t>" + "x".repeat(random.nextInt(50)) + "</t></is></c>";
                case 2 -> "<c r=\"" + cell + "\"><v>" + (random.nextBoolean() ? "45090" : "1E1360481669") + "</v></c>";
                default -> "<c r=\"" + cell + "\" t=\"b\"><v>1</v></c>";
            };
            rows.append("<row r=\"").append(r).append("\">").append(value).append("</row>");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + (random.nextBoolean() ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>");
            put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>car</t></si>"
                    + "<si><t>driver</t></si></sst>");
            put(zip, "xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + (random.nextBoolean() ? "<dimension ref=\"A1:XFD1048576\"/>" : "") + "<sheetData>" + rows + "</sheetData></worksheet>");
        }
        return bytes.toByteArray();
    }

    static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
