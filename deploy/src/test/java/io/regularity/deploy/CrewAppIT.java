package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The crew app in a real headless Chromium against the packaged services: a crew's phone given by route-service (its
 * link opened as the crew sheet's QR code opens it), positions from the browser's geolocation (overridden, moved along
 * a road), the network lost while the car drives on (the fixes kept, the page reloaded offline), back, and every fix on
 * Kafka's {@code fixes} topic exactly once. The app on a 360 px phone and a 1400 px laptop, in Italian and English.
 */
class CrewAppIT {

    static final String RACE = "coppa-equipaggi-2024";
    static final int CAR = 48;
    static final String DEVICE = "crew-48";
    static Stack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start("crew app");
        stack = SharedStack.get();
        stack.raceDirection().ok("PUT", stack.routeUrl() + "/api/races/" + RACE, """
                {"name": "Coppa degli Equipaggi", "year": 2024,
                 "legs": [{"number": 1, "name": "Brescia – Gavardo", "date": "2024-06-11", "from": "Brescia", "to": "Gavardo",
                   "distanceKm": 25.0, "startPoint": "S",
                   "towns": [{"name": "Brescia", "province": "BS", "km": 0.0, "lat": 45.54, "lon": 10.21},
                             {"name": "Gavardo", "province": "BS", "km": 25.0, "lat": 45.58, "lon": 10.43}],
                   "timingPoints": [{"id": "S", "town": "Brescia", "km": 0.0}, {"id": "P1", "town": "Gavardo", "km": 24.8},
                                    {"id": "P2", "town": "Gavardo", "km": 25.4}],
                   "trials": [{"id": "PC1", "type": "PC", "start": "P1", "finish": "P2", "targetMs": 30000}]}]}
                """);
        stack.awaitRaceKnown(RACE);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static WebElement button(String name) {
        return HeadlessChromium.button(browser, name);
    }

    static void until(int seconds, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        HeadlessChromium.waiting(browser, Duration.ofSeconds(seconds)).until(condition);
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static int count(String id) {
        return Integer.parseInt(text(id).trim());
    }

    static void offline(boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The car somewhere on the road: the browser's position moved there, 4 m accuracy. */
    static void moveTo(double[] at) {
        browser.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", at[0], "longitude", at[1], "accuracy", 4));
    }

    /** Points along the SS45bis from Brescia towards Gavardo, some 30 m apart. */
    static double[] road(int i) {
        return new double[] { 45.5400 + i * 0.00022, 10.2100 + i * 0.00031 };
    }

    @Test
    void aCrewPhoneRecordsItsFixesOfflineAndBackAndEachReachesKafkaOnce() throws Exception {
        JsonNode given = stack.raceDirection().ok("POST", stack.routeUrl() + "/api/races/" + RACE + "/devices",
                Map.of("device", DEVICE, "car", CAR));
        String link = given.get("link").asText();
        assertTrue(link.startsWith(stack.timingUrl() + "/crew/#token="), link);
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", stack.timingUrl(), "permissions", List.of("geolocation")));
        moveTo(road(0));
        browser.get("about:blank");
        browser.get(link);
        browser.executeScript("localStorage.setItem('crew.lang', '\"en\"')");
        browser.navigate().refresh(); // the token left the address bar at once; the phone is enrolled all the same
        until(30, d -> button("Start recording").isDisplayed() && text("car-name").contains("Car 48"));
        assertTrue(browser.getCurrentUrl().endsWith("/crew/"), "the token leaves the address bar: " + browser.getCurrentUrl());
        until(20, d -> (Boolean) browser.executeScript("return !!navigator.serviceWorker.controller"));
        button("Start recording").click();
        until(10, d -> button("Stop recording").isDisplayed() && !text("last-fix").equals("—"));

        // online: the car drives, its fixes go out in batches
        List<double[]> path = new ArrayList<>();
        path.add(road(0));
        for (int i = 1; i <= 4; i++) {
            moveTo(road(i));
            path.add(road(i));
            Thread.sleep(400);
        }
        until(30, d -> count("kept") == 0 && count("sent") >= 5);

        // no network: the fixes are kept, the page reloaded (from the service worker) keeps them and goes on recording
        offline(true);
        try {
            for (int i = 5; i <= 9; i++) {
                moveTo(road(i));
                path.add(road(i));
                Thread.sleep(400);
            }
            until(20, d -> count("kept") >= 5 && text("send-state").contains("No network"));
            browser.navigate().refresh();
            until(30, d -> button("Stop recording").isDisplayed() && count("kept") >= 5);
            for (int i = 10; i <= 12; i++) {
                moveTo(road(i));
                path.add(road(i));
                Thread.sleep(400);
            }
            until(10, d -> count("kept") >= 8);
            // the phone stops giving positions: the app says so plainly
            until(25, d -> browser.findElement(By.cssSelector("#position[role=status]")).getText()
                    .contains("No position from the phone for"));
            HeadlessChromium.phone(browser);
            lookAt("crew-phone-offline");
        } finally {
            offline(false);
            HeadlessChromium.laptop(browser);
        }
        until(60, d -> count("kept") == 0 && text("send-state").contains("All sent"));
        int sent = count("sent");

        // Kafka's `fixes`: every fix of the car once, the positions the car was given among them
        List<JsonNode> fixes = fixesOnKafka(sent);
        Set<String> times = new HashSet<>();
        fixes.forEach(f -> times.add(f.get("time").asText()));
        assertEquals(sent, fixes.size(), "as many fixes on the topic as the app sent: " + fixes.size());
        assertEquals(fixes.size(), times.size(), "each fix once on the topic (by its time)");
        assertTrue(sent >= path.size(), "at least one fix a position: " + sent + " for " + path.size());
        for (double[] at : path) {
            assertTrue(fixes.stream().anyMatch(f -> Math.abs(f.get("lat").asDouble() - at[0]) < 1e-6 && Math.abs(f.get("lon").asDouble() - at[1]) < 1e-6),
                    "the position " + at[0] + ", " + at[1] + " reached Kafka");
        }
        fixes.forEach(f -> {
            assertEquals("PHONE", f.get("source").asText());
            assertEquals(DEVICE, f.get("device").asText());
            assertEquals(4.0, f.get("accuracyM").asDouble(), 0.01);
        });

        // how it looks: a phone and a laptop, English and Italian
        HeadlessChromium.phone(browser);
        try {
            lookAt("crew-phone");
            button("Italiano").click();
            until(5, d -> button("Smetti di registrare").isDisplayed() && text("send-state").contains("Tutto inviato"));
            lookAt("crew-phone-it");
        } finally {
            HeadlessChromium.laptop(browser);
        }
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1,
                "mobile", false));
        try {
            lookAt("crew-laptop-it");
            button("English").click();
            until(5, d -> button("Stop recording").isDisplayed());
            lookAt("crew-laptop");
        } finally {
            HeadlessChromium.laptop(browser);
        }
        button("Stop recording").click();
        until(5, d -> button("Start recording").isDisplayed());
    }

    /**
     * The NMEA parser (crew/nmea.js, as the app runs it in the browser) on real receivers' sentences, each from where it
     * was logged: gpsd's regression logs of real devices (github.com/ukyg9e5r6k7gubiekd6/gpsd, a mirror of gpsd's own
     * repository, test/daemon/*.log, each file naming the receiver and who logged it), and the NMEA 0183 example sentences
     * published in Dale DePriester's "NMEA data" page (gpsinformation.org), quoted in most NMEA references since.
     */
    @Test
    void theNmeaParserReadsRealReceiversSentences() throws Exception {
        browser.get(stack.timingUrl() + "/crew/");
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/crew/nmea.js'), import('/timekeeper/chrono.js')]).then(([n, chrono]) => {
                  const fixes = (lines, now) => {
                    const out = [];
                    const bad = [];
                    const take = n.fixer(f => out.push(f), { now: () => now || Date.parse('2024-06-11T12:00:00Z'), onBad: (l, e) => bad.push(e) });
                    lines.forEach(take);
                    take.flush();
                    return { fixes: out, bad };
                  };
                  // test/daemon/bt451.log: BT-451, u-blox ANTARIS ATR062x, a car in Lithuania at 30 knots, 2 Hz, 2009-12-09
                  const bt451 = ['$GPRMC,143306.50,A,5546.82983,N,02334.72123,E,30.324,221.16,091209,,,A*52',
                    '$GPGGA,143306.50,5546.82983,N,02334.72123,E,1,09,1.26,128.9,M,26.9,M,,*50',
                    '$GPRMC,143307.00,A,5546.82649,N,02334.71625,E,30.860,221.48,091209,,,A*5D',
                    '$GPGGA,143307.00,5546.82649,N,02334.71625,E,1,09,1.26,128.1,M,26.9,M,,*57'];
                  // the same lines as a serial port delivers them: cut anywhere, CR LF between
                  const chunked = [];
                  const split = chrono.lineSplitter(l => chunked.push(l));
                  const stream = bt451.join('\\r\\n') + '\\r\\n';
                  for (let i = 0; i < stream.length; i += 7) split(stream.substring(i, i + 7));
                  done({
                    bt451: fixes(bt451),
                    bt451Chunked: fixes(chunked),
                    // test/daemon/neo-m8n.log: BN-880, u-blox NEO-M8N, GN talker (GPS + GLONASS), standing, 2015-03-18
                    neoM8n: fixes(['$GNRMC,171926.00,A,4404.14063,N,12118.85478,W,0.117,,180315,,,A*76',
                      '$GNGGA,171926.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*44']),
                    // test/daemon/ublox-zed-f9p-nmea.log: u-blox ZED-F9P, NMEA 4.11 (a navigational status after the mode), Dunedin
                    zedF9p: fixes(['$GNRMC,003956.00,A,4552.65403,S,17030.00668,E,0.025,,120419,,,A,V*07',
                      '$GNGGA,003956.00,4552.65403,S,17030.00668,E,1,12,0.64,14.2,M,1.8,M,,*56']),
                    // test/daemon/bu353-glonass.log: GlobalSat BU-353 GLONASS, SiRF III: the GGA before the RMC, GP and GN talkers
                    bu353: fixes(['$GNRMC,081411.000,A,5541.1955,N,03737.2872,E,0.60,301.29,260514,,,A*74',
                      '$GPGGA,081412.000,5541.1956,N,03737.2877,E,1,5,4.87,66.2,M,14.5,M,,*6A',
                      '$GNRMC,081412.000,A,5541.1956,N,03737.2877,E,0.52,301.26,260514,,,A*7F']),
                    // test/daemon/sirfstarv-nmea.log: SiRFstarV, a GPGGA and a GLGGA and a GNRMC for one epoch
                    sirfV: fixes(['$GPGGA,020935.000,4404.1351,N,12118.8556,W,1,08,0.9,1123.9,M,-19.6,M,,0000*5E',
                      '$GLGGA,020935.000,4404.1351,N,12118.8556,W,1,02,0.9,1123.9,M,-19.6,M,,0000*48',
                      '$GNRMC,020935.000,A,4404.1351,N,12118.8556,W,0.04,359.11,050219,,,A*6C']),
                    // test/daemon/ch-4711.log: CH-4711, a Russian GLONASS mouse, GL talker, 2009-12-05
                    ch4711: fixes(['$GLGGA,135654.997,5543.0328,N,03724.7197,E,1,04,02.3,165.6,M,14.6,M,,*71',
                      '$GLRMC,135654.997,A,5543.0328,N,03724.7197,E,00.00,129.5,051209,,,A*71']),
                    // test/daemon/beidou-bd.log: SiRF-TriG before its first fix: empty fields, GGA quality 0, RMC status V
                    noFix: fixes(['$GNGGA,074150.799,,,,,0,00,,,M,0.0,M,,0000,*64', '$GNRMC,074150.799,V,,,,,,,250215,,,N*52']),
                    noFixRmc: n.parse('$GNRMC,074150.799,V,,,,,,,250215,,,N*52'),
                    // the NMEA 0183 examples (gpsinformation.org, "NMEA data"): whole seconds, a 1994 date
                    classic: fixes(['$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A',
                      '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47']),
                    // the ZED-F9P's epoch above as a Galileo-only and a BeiDou-only receiver would address it: no published log
                    // with these talkers was at hand, so its talker is changed and its checksum computed anew (08, 59)
                    galileo: fixes(['$GARMC,003956.00,A,4552.65403,S,17030.00668,E,0.025,,120419,,,A,V*08',
                      '$GAGGA,003956.00,4552.65403,S,17030.00668,E,1,12,0.64,14.2,M,1.8,M,,*59']),
                    beidou: fixes(['$BDRMC,003956.00,A,4552.65403,S,17030.00668,E,0.025,,120419,,,A,V*08',
                      '$BDGGA,003956.00,4552.65403,S,17030.00668,E,1,12,0.64,14.2,M,1.8,M,,*59']),
                    // noise on the cable: one digit of bt451's first RMC changed, its checksum kept; and a line without one
                    garbled: n.parse('$GPRMC,143306.50,A,5546.82983,N,02334.72123,E,30.324,221.17,091209,,,A*52'),
                    unchecked: n.parse('$GPRMC,143306.50,A,5546.82983,N,02334.72123,E,30.324,221.16,091209,,,A'),
                    garbledFixes: fixes(['$GPRMC,143306.50,A,5546.82983,N,02334.72123,E,30.324,221.17,091209,,,A*52']),
                    // a GGA alone (bt451's 143306.00 epoch): the receiver's time of day on the date the phone's clock makes nearest
                    ggaAlone: fixes(['$GPGGA,143306.00,5546.83315,N,02334.72613,E,1,08,1.28,129.9,M,26.9,M,,*5B'],
                      Date.parse('2009-12-09T14:33:08Z')),
                    // sirfstarv's GPGGA with its time moved to just before midnight (its checksum computed anew, 6B)
                    justBeforeMidnight: new Date(n.nearestInstant(n.parse('$GPGGA,235959.90,4404.1351,N,12118.8556,W,1,08,0.9,1123.9,M,-19.6,M,,0000*6B').timeOfDayMs,
                      Date.parse('2024-06-12T00:00:01Z'))).toISOString(),
                  });
                }).catch(e => done({ error: String(e) }));
                """);
        assertTrue(!read.containsKey("error"), String.valueOf(read.get("error")));
        List<Map<String, Object>> bt451 = fixesOf(read, "bt451");
        assertEquals(2, bt451.size(), "one fix an epoch: " + bt451);
        assertFix(bt451.get(0), "2009-12-09T14:33:06.500Z", 55.7804972, 23.5786872, 15.6, 221.16, 6.3);
        assertFix(bt451.get(1), "2009-12-09T14:33:07.000Z", 55.7804415, 23.5786042, 15.88, 221.48, 6.3);
        assertEquals(bt451, fixesOf(read, "bt451Chunked"), "the same fixes from a stream cut anywhere");
        assertFix(fixesOf(read, "neoM8n").get(0), "2015-03-18T17:19:26.000Z", 44.0690105, -121.314246, 0.06, null, 4.6);
        assertFix(fixesOf(read, "zedF9p").get(0), "2019-04-12T00:39:56.000Z", -45.8775672, 170.5001113, 0.01, null, 3.2);
        List<Map<String, Object>> bu353 = fixesOf(read, "bu353");
        assertEquals(2, bu353.size(), "an RMC alone, then the GGA and RMC of the next epoch: " + bu353);
        assertFix(bu353.get(0), "2014-05-26T08:14:11.000Z", 55.6865917, 37.62145333, 0.31, 301.29, null);
        assertFix(bu353.get(1), "2014-05-26T08:14:12.000Z", 55.68659333, 37.62146167, 0.27, 301.26, 24.4);
        List<Map<String, Object>> sirf = fixesOf(read, "sirfV");
        assertEquals(1, sirf.size(), "three sentences of one epoch, one fix: " + sirf);
        assertFix(sirf.get(0), "2019-02-05T02:09:35.000Z", 44.0689183, -121.31426, 0.02, 359.11, 4.5);
        assertFix(fixesOf(read, "ch4711").get(0), "2009-12-05T13:56:54.997Z", 55.7172133, 37.411995, 0.0, 129.5, 11.5);
        assertEquals(0, fixesOf(read, "noFix").size(), "a receiver without a fix makes no fix");
        assertEquals(Boolean.FALSE, ((Map<?, ?>) read.get("noFixRmc")).get("valid"));
        assertFix(fixesOf(read, "classic").get(0), "1994-03-23T12:35:19.000Z", 48.1173, 11.5166667, 11.52, 84.4, 4.5);
        assertFix(fixesOf(read, "galileo").get(0), "2019-04-12T00:39:56.000Z", -45.8775672, 170.5001113, 0.01, null, 3.2);
        assertFix(fixesOf(read, "beidou").get(0), "2019-04-12T00:39:56.000Z", -45.8775672, 170.5001113, 0.01, null, 3.2);
        assertEquals("checksum 52, computed 53", ((Map<?, ?>) read.get("garbled")).get("error"));
        assertEquals("no checksum", ((Map<?, ?>) read.get("unchecked")).get("error"));
        assertEquals(0, fixesOf(read, "garbledFixes").size());
        assertEquals(List.of("checksum 52, computed 53"), ((Map<?, ?>) read.get("garbledFixes")).get("bad"));
        assertFix(fixesOf(read, "ggaAlone").get(0), "2009-12-09T14:33:06.000Z", 55.7805525, 23.5787688, null, null, 6.4);
        assertEquals("2024-06-11T23:59:59.900Z", read.get("justBeforeMidnight"), "a GGA just before midnight, read just after it");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> fixesOf(Map<String, Object> read, String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) read.get(name)).get("fixes");
    }

    static void assertFix(Map<String, Object> fix, String time, double lat, double lon, Double speedMs, Double headingDeg, Double accuracyM) {
        assertEquals(time, fix.get("time"), "time of " + fix);
        assertEquals(lat, ((Number) fix.get("lat")).doubleValue(), 1e-6, "lat of " + fix);
        assertEquals(lon, ((Number) fix.get("lon")).doubleValue(), 1e-6, "lon of " + fix);
        assertNumber(speedMs, fix.get("speedMs"), "speedMs of " + fix);
        assertNumber(headingDeg, fix.get("headingDeg"), "headingDeg of " + fix);
        assertNumber(accuracyM, fix.get("accuracyM"), "accuracyM of " + fix);
        assertEquals("NMEA", fix.get("source"));
    }

    static void assertNumber(Double expected, Object actual, String what) {
        if (expected == null) {
            assertEquals(null, actual, what);
        } else {
            assertEquals(expected, ((Number) actual).doubleValue(), 0.006, what);
        }
    }

    /** The car's fixes on the topic, read from its start, once at least {@code expected} came and a moment passed for any double. */
    static List<JsonNode> fixesOnKafka(int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crew-app-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<JsonNode> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("fixes"));
            long deadline = System.currentTimeMillis() + 30_000;
            long settle = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, settle)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ((RACE + "/" + CAR).equals(r.key())) {
                        JsonNode fix = Api.JSON.readTree(r.value());
                        assertEquals(RACE, fix.get("raceId").asText());
                        assertEquals(CAR, fix.get("car").asInt());
                        mine.add(fix);
                    }
                }
                if (mine.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.currentTimeMillis() + 3000;
                }
            }
        }
        return mine;
    }

    /** The page as it is now: nothing sideways, no "null" or "undefined", every control named; a screenshot in docs/. */
    static void lookAt(String name) throws Exception {
        Thread.sleep(300);
        long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, name + ": the app scrolls sideways by " + overflow + " px");
        String body = browser.findElement(By.tagName("body")).getText();
        assertTrue(!body.contains("null") && !body.contains("undefined") && !body.contains("NaN"), name + ": " + body);
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) browser.executeScript("""
                const named = e => {
                  if (e.getAttribute('aria-label') && e.getAttribute('aria-label').trim()) return true;
                  if (e.tagName === 'BUTTON' || e.tagName === 'SUMMARY') return e.textContent.trim().length > 0;
                  return !!(e.id && document.querySelector('label[for="' + e.id + '"]') && document.querySelector('label[for="' + e.id + '"]').textContent.trim());
                };
                return [...document.querySelectorAll('button, input, select, textarea, summary')]
                  .filter(e => e.offsetParent !== null && !named(e)).map(e => e.outerHTML);
                """);
        assertTrue(unnamed.isEmpty(), name + ": controls without a name: " + unnamed);
        Path dir = SharedStack.root().resolve("docs/screenshots");
        Files.createDirectories(dir);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
