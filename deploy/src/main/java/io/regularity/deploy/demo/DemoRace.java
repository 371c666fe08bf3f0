package io.regularity.deploy.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.Api;
import io.regularity.deploy.Stack;

/**
 * A whole race built from the real 1000 Miglia 2023 legs and towns, with a generated trial layout at
 * the published scale (144 PC in chains of up to 10, 8 PM with 3–4 secret detections, 21 CO, 30 CT)
 * and an entry list of crews; or ({@link #circuit}) the Trofeo Roberto Gaburri, a regularity race on a circuit in
 * Brescia's city centre for the classic cars and the modern Ferrari Tribute. Deterministic for a given seed.
 */
public final class DemoRace {

    static final int[] PC_PER_LEG = { 29, 29, 29, 29, 28 };
    static final int[] PM_PER_LEG = { 2, 2, 2, 1, 1 };
    static final int[] CO_PER_LEG = { 4, 4, 4, 4, 5 };
    static final int[] CT_PER_LEG = { 6, 6, 6, 6, 6 };
    /** Average speed of the route between trials, for due times and the simulation. */
    public static final double ROUTE_KMH = 48.0;

    public final ObjectNode definition;
    public final List<Map<String, Object>> crews;
    public final String raceId;

    private DemoRace(String raceId, ObjectNode definition, List<Map<String, Object>> crews) {
        this.raceId = raceId;
        this.definition = definition;
        this.crews = crews;
    }

    public static DemoRace generate(int crewCount, long seed) {
        Random random = new Random(seed);
        ObjectNode source = load();
        String raceId = source.get("id").asText();
        ObjectNode race = Api.JSON.createObjectNode();
        race.put("id", raceId).put("name", source.get("name").asText()).put("year", source.get("year").asInt())
                .put("timeZone", source.get("timeZone").asText());
        ObjectNode scoring = race.putObject("scoring");
        scoring.put("model", "POINTS");
        scoring.putArray("pointsTable").add(420).add(395);
        ArrayNode legs = race.putArray("legs");
        int[] numbers = new int[4]; // the last PC, PM, CO and CT numbered, across the legs
        for (JsonNode sourceLeg : source.get("legs")) {
            int n = sourceLeg.get("number").asInt();
            roadLeg(legs, sourceLeg, PC_PER_LEG[n - 1], PM_PER_LEG[n - 1], CO_PER_LEG[n - 1], CT_PER_LEG[n - 1], numbers, random);
        }
        ArrayNode trophies = race.putArray("trophies");
        trophies.addObject().put("name", "Trofeo Mille Miglia Leg 1").putArray("trials").add("PC1").add("PC2").add("PC3");
        return new DemoRace(raceId, race, crews(crewCount, random));
    }

    /**
     * One road leg from its source (number, name, date, from, to, distanceKm, towns): its timing points and trials, blocks
     * of {@code pcCount} PCs in chains of up to 10, {@code pmCount} PMs with 3–4 secret detections and {@code ctCount}
     * CTs spread along it in a shuffled order, opened by a chain of PCs, {@code coCount} COs closing its stretches (the
     * last at the finish). {@code numbers}: the last PC, PM, CO and CT numbered so far, carried from leg to leg.
     */
    private static void roadLeg(ArrayNode legs, JsonNode sourceLeg, int pcCount, int pmCount, int coCount, int ctCount, int[] numbers,
            Random random) {
        int n = sourceLeg.get("number").asInt();
        ObjectNode leg = legs.addObject();
        leg.put("number", n).put("name", sourceLeg.get("name").asText()).put("date", sourceLeg.get("date").asText())
                .put("from", sourceLeg.get("from").asText()).put("to", sourceLeg.get("to").asText())
                .put("distanceKm", sourceLeg.get("distanceKm").asDouble());
        leg.set("towns", sourceLeg.get("towns").deepCopy());
        String startPoint = "L" + n + "-START";
        leg.put("startPoint", startPoint);
        ArrayNode points = leg.putArray("timingPoints");
        ArrayNode trials = leg.putArray("trials");
        double distance = sourceLeg.get("distanceKm").asDouble();
        points.addObject().put("id", startPoint).put("town", sourceLeg.get("from").asText()).put("km", 0.0);

        // blocks of trials, spread along the leg in a shuffled order
        List<String> blocks = new ArrayList<>();
        int pcs = pcCount;
        while (pcs > 0) {
            int chain = Math.min(pcs, 1 + random.nextInt(10));
            blocks.add("PC" + chain);
            pcs -= chain;
        }
        for (int i = 0; i < pmCount; i++) {
            blocks.add("PM");
        }
        for (int i = 0; i < ctCount; i++) {
            blocks.add("CT");
        }
        Collections.shuffle(blocks, random);
        // each leg opens with a chain of time trials, as the 1000 Miglia does (Ghedi air base on leg 1)
        int firstChain = blocks.indexOf(blocks.stream().filter(b -> b.startsWith("PC")).findFirst().orElseThrow());
        Collections.swap(blocks, 0, firstChain);
        // a CO closes each stretch; the last one stands at the finish
        List<Integer> coAfter = new ArrayList<>();
        for (int i = 1; i <= coCount; i++) {
            coAfter.add(Math.max(0, i * blocks.size() / coCount - 1));
        }
        double km = 5.0;
        double step = (distance - 10.0) / (blocks.size() + 1);
        int pointNo = 0;
        String previousCo = null;
        double previousCoKm = 0.0;
        for (int b = 0; b < blocks.size(); b++) {
            String block = blocks.get(b);
            km += step * (0.6 + 0.8 * random.nextDouble());
            km = Math.min(km, distance - 2.0);
            String town = townAt(sourceLeg.get("towns"), km);
            if (block.startsWith("PC")) {
                int chain = Integer.parseInt(block.substring(2));
                String start = point(points, n, ++pointNo, town, km);
                double at = km;
                for (int c = 0; c < chain; c++) {
                    at += 0.2 + random.nextDouble() * 0.8;
                    String finish = point(points, n, ++pointNo, town, at);
                    ObjectNode pc = trials.addObject();
                    pc.put("id", "PC" + (++numbers[0])).put("type", "PC").put("start", start).put("finish", finish)
                            .put("targetMs", (8 + random.nextInt(50)) * 1000L + random.nextInt(100) * 10L);
                    start = finish;
                }
                km = at;
            } else if (block.equals("PM")) {
                String start = point(points, n, ++pointNo, town, km);
                ObjectNode pm = trials.addObject();
                pm.put("id", "PM" + (++numbers[1])).put("type", "PM").put("start", start)
                        .put("averageKmh", 40.0 + random.nextInt(10));
                ArrayNode detections = pm.putArray("detections");
                int count = 3 + random.nextInt(2);
                int metres = 0;
                for (int d = 0; d < count; d++) {
                    metres += 800 + random.nextInt(2500);
                    detections.addObject().put("point", point(points, n, ++pointNo, town, km + metres / 1000.0))
                            .put("distanceM", metres);
                }
                km += metres / 1000.0;
            } else {
                trials.addObject().put("id", "CT" + (++numbers[3])).put("type", "CT")
                        .put("point", point(points, n, ++pointNo, town, km));
            }
            if (coAfter.contains(b)) {
                km += 1.0;
                ObjectNode co = trials.addObject();
                co.put("id", "CO" + (++numbers[2])).put("type", "CO")
                        .put("point", point(points, n, ++pointNo, townAt(sourceLeg.get("towns"), km), km));
                if (previousCo != null) {
                    co.put("from", previousCo);
                }
                int minutes = (int) Math.ceil((km - previousCoKm) / ROUTE_KMH * 60.0) + 5;
                co.put("durationMinutes", minutes);
                previousCo = "CO" + numbers[2];
                previousCoKm = km;
            }
        }
    }

    /** The Coppa della Franciacorta's loop from Brescia: its towns, km from the start, and coordinates. */
    static final Object[][] FRANCIACORTA = { { "Brescia", "BS", 0.0, 45.5416, 10.2118 }, { "Gussago", "BS", 11.0, 45.593, 10.157 },
            { "Rodengo Saiano", "BS", 18.0, 45.599, 10.108 }, { "Provaglio d'Iseo", "BS", 27.0, 45.636, 10.046 },
            { "Iseo", "BS", 32.0, 45.659, 10.049 }, { "Sarnico", "BG", 47.0, 45.669, 9.961 },
            { "Palazzolo sull'Oglio", "BS", 61.0, 45.597, 9.886 }, { "Rovato", "BS", 72.0, 45.566, 9.999 },
            { "Ospitaletto", "BS", 84.0, 45.554, 10.073 }, { "Brescia", "BS", 100.0, 45.5416, 10.2118 } };

    /**
     * The Coppa della Franciacorta 2023, the demo season's autumn round (rules.md "The season"): one day on the roads of
     * the Franciacorta and Lake Iseo, a 100 km loop from Brescia with 16 PC in chains, a PM, 4 CT and 3 CO, scored by
     * penalties. Deterministic for a given seed, as the 1000 Miglia's layout is.
     */
    public static DemoRace franciacorta(int crewCount, long seed) {
        Random random = new Random(seed);
        String raceId = "coppa-franciacorta-2023";
        ObjectNode race = Api.JSON.createObjectNode();
        race.put("id", raceId).put("name", "Coppa della Franciacorta 2023").put("year", 2023).put("timeZone", "Europe/Rome");
        race.putObject("scoring").put("model", "PENALTIES");
        ObjectNode source = Api.JSON.createObjectNode();
        source.put("number", 1).put("name", "Brescia - Lago d'Iseo - Brescia").put("date", "2023-09-23").put("from", "Brescia")
                .put("to", "Brescia").put("distanceKm", 100.0);
        ArrayNode towns = source.putArray("towns");
        for (Object[] town : FRANCIACORTA) {
            towns.addObject().put("name", (String) town[0]).put("province", (String) town[1]).put("km", (Double) town[2])
                    .put("lat", (Double) town[3]).put("lon", (Double) town[4]);
        }
        roadLeg(race.putArray("legs"), source, 16, 1, 3, 4, new int[4], random);
        return new DemoRace(raceId, race, crews(crewCount, random));
    }

    /** The Trofeo's circuit in Brescia's city centre: its places, km from the lap line, and coordinates. */
    static final Object[][] CIRCUIT = { { "Piazza della Vittoria", 0.0, 45.5389, 10.2197 }, { "Piazza della Loggia", 0.35, 45.5410, 10.2187 },
            { "Via dei Musei", 1.0, 45.5403, 10.2262 }, { "Piazza Tebaldo Brusato", 1.45, 45.5377, 10.2281 },
            { "Corso Magenta", 1.85, 45.5368, 10.2245 }, { "Corso Zanardelli", 2.3, 45.5377, 10.2215 } };
    /** The four hoses: the lap line C-A, then C-B, C-C, C-D, at their km from the line. */
    static final String[] HOSES = { "C-A", "C-B", "C-C", "C-D" };
    static final double[] HOSE_KM = { 0.0, 0.7, 1.5, 2.2 };
    public static final double LAP_KM = 2.8;
    public static final int LAPS = 6;

    /**
     * The Trofeo Roberto Gaburri 2023: one leg of {@link #LAPS} laps of a 2.8 km circuit in Brescia's city centre with four
     * hoses; a CT on the warm-up lap, then on laps 2 to 6 four time trials a lap, chained across the line (the last of
     * each lap ends on the line that starts the next). Classic cars of the 1000 Miglia with their coefficients and modern
     * cars of the Ferrari Tribute (coefficient 1.00), each a category of its own.
     */
    public static DemoRace circuit(int crewCount, long seed) {
        Random random = new Random(seed);
        String raceId = "trofeo-gaburri-2023";
        ObjectNode race = Api.JSON.createObjectNode();
        race.put("id", raceId).put("name", "Trofeo Roberto Gaburri 2023").put("year", 2023).put("timeZone", "Europe/Rome");
        race.putObject("scoring").put("model", "PENALTIES");
        ObjectNode leg = race.putArray("legs").addObject();
        leg.put("number", 1).put("name", "Circuito di Brescia").put("date", "2023-06-12").put("from", "Brescia").put("to", "Brescia")
                .put("distanceKm", LAP_KM * LAPS).put("startPoint", HOSES[0]).put("laps", LAPS);
        ArrayNode towns = leg.putArray("towns");
        for (Object[] place : CIRCUIT) {
            towns.addObject().put("name", (String) place[0]).put("province", "BS").put("km", (Double) place[1]).put("lat", (Double) place[2])
                    .put("lon", (Double) place[3]);
        }
        ArrayNode points = leg.putArray("timingPoints");
        for (int i = 0; i < HOSES.length; i++) {
            points.addObject().put("id", HOSES[i]).put("town", townAt(towns, HOSE_KM[i])).put("km", HOSE_KM[i]);
        }
        ArrayNode trials = leg.putArray("trials");
        trials.addObject().put("id", "CT1").put("type", "CT").put("point", "C-C").put("lap", 1);
        int pcNo = 0;
        for (int lap = 2; lap <= LAPS; lap++) {
            for (int h = 0; h < HOSES.length; h++) {
                boolean acrossTheLine = h == HOSES.length - 1;
                double km = (acrossTheLine ? LAP_KM : HOSE_KM[h + 1]) - HOSE_KM[h];
                double kmh = 35 + random.nextInt(16); // an average the crews must hold between two hoses
                long targetMs = Math.round(km / kmh * 360_000) * 10;
                trials.addObject().put("id", "PC" + (++pcNo)).put("type", "PC").put("start", HOSES[h]).put("startLap", lap)
                        .put("finish", HOSES[acrossTheLine ? 0 : h + 1]).put("finishLap", acrossTheLine ? lap + 1 : lap).put("targetMs", targetMs);
            }
        }
        race.putArray("trophies").addObject().put("name", "Giro più regolare (lap 2)").putArray("trials").add("PC1").add("PC2").add("PC3")
                .add("PC4");
        List<Map<String, Object>> crews = crews(crewCount, random);
        // a third of the field is the Ferrari Tribute: modern cars, coefficient 1.00, a category of their own
        for (int i = crewCount - crewCount / 3; i < crewCount; i++) {
            Map<String, Object> crew = crews.get(i);
            int year = 1958 + random.nextInt(66);
            crew.put("carModel", FERRARI[Math.min(FERRARI.length - 1, (year - 1958) * FERRARI.length / 66)]);
            crew.put("carYear", year);
            crew.put("coefficient", BigDecimal.ONE.setScale(2));
            crew.put("category", "Ferrari Tribute");
        }
        for (int i = 0; i < crewCount - crewCount / 3; i++) {
            crews.get(i).put("category", "1000 Miglia");
        }
        return new DemoRace(raceId, race, crews);
    }

    static final String[] FERRARI = { "Ferrari 250 GT Lusso", "Ferrari 275 GTB", "Ferrari 365 GTB/4 Daytona", "Ferrari 308 GTB",
            "Ferrari Testarossa", "Ferrari F40", "Ferrari 550 Maranello", "Ferrari 599 GTB Fiorano", "Ferrari 458 Italia",
            "Ferrari F8 Tributo", "Ferrari 296 GTB" };

    private static String point(ArrayNode points, int leg, int number, String town, double km) {
        String id = "L" + leg + "-P" + String.format("%03d", number);
        points.addObject().put("id", id).put("town", town).put("km", Math.round(km * 1000) / 1000.0);
        return id;
    }

    private static String townAt(JsonNode towns, double km) {
        String name = towns.get(0).get("name").asText();
        for (JsonNode town : towns) {
            if (town.get("km").asDouble() <= km) {
                name = town.get("name").asText();
            }
        }
        return name;
    }

    static final String[] MAKES = { "Alfa Romeo 6C 1750 SS Zagato", "Bugatti Type 35", "Lancia Lambda", "Fiat 508 S Balilla",
            "OM 665 Superba", "Mercedes-Benz SSK", "Bentley 4½ Litre", "Aston Martin Le Mans", "BMW 328 Mille Miglia",
            "Fiat 1100 S", "Cisitalia 202 SC", "Ferrari 166 MM", "Jaguar XK120", "Porsche 356 Speedster",
            "Mercedes-Benz 300 SL", "Austin-Healey 100", "Triumph TR2", "Maserati A6GCS" };
    static final String[] FIRST = { "Andrea", "Giovanni", "Marco", "Luca", "Paolo", "Francesca", "Giulia", "Anna", "Roberto",
            "Stefano", "Claudia", "Elena", "Carlo", "Hans", "Pierre", "James", "Sofia", "Laura" };
    static final String[] LAST = { "Vesco", "Salvinelli", "Moceri", "Bonetti", "Fontanella", "Rossi", "Ferrari", "Bianchi",
            "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano",
            "Mancini", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Müller", "Dupont", "Smith" };
    static final boolean[] FEMALE_FIRST = { false, false, false, false, false, true, true, true, false, false, true, true,
            false, false, false, false, true, true };

    static List<Map<String, Object>> crews(int count, Random random) {
        List<Map<String, Object>> crews = new ArrayList<>();
        String[] teams = { "Scuderia Brescia Corse", "Club Mille Miglia", "Squadra Bonetti", "Team Nuvolari", null, null, null,
                null, null, null };
        for (int car = 1; car <= count; car++) {
            int year = 1927 + (int) Math.round(30 * Math.pow(random.nextDouble(), 0.8));
            boolean ladies = random.nextInt(100) < 5;
            Map<String, Object> crew = new LinkedHashMap<>();
            crew.put("car", car);
            crew.put("driver", person(random, ladies));
            crew.put("codriver", person(random, ladies));
            crew.put("carModel", MAKES[Math.min(MAKES.length - 1, Math.max(0, (year - 1927) * MAKES.length / 31 + random.nextInt(3) - 1))]);
            crew.put("carYear", year);
            // older cars get the larger coefficients, as the organiser publishes them
            double coefficient = 1.85 - (year - 1927) * 0.025 - random.nextInt(10) * 0.01;
            crew.put("coefficient", BigDecimal.valueOf(Math.max(1.0, Math.min(1.85, coefficient))).setScale(2,
                    RoundingMode.HALF_UP));
            crew.put("category", year <= 1930 ? "1927-1930" : year <= 1939 ? "1931-1939" : year <= 1949 ? "1940-1949" : "1950-1957");
            crew.put("team", teams[random.nextInt(teams.length)]);
            crews.add(crew);
        }
        return crews;
    }

    private static Map<String, Object> person(Random random, boolean female) {
        int first;
        do {
            first = random.nextInt(FIRST.length);
        } while (female != FEMALE_FIRST[first] && (female || random.nextInt(5) > 0));
        return Map.of("name", FIRST[first] + " " + LAST[random.nextInt(LAST.length)], "female", FEMALE_FIRST[first]);
    }

    /** How wide the demo's virtual lines are, metres: the road and the fixes' noise either side of it (σ 3 m at 1 Hz). */
    public static final double VIRTUAL_WIDTH_M = 30.0;

    /**
     * The same race with one PM measured at virtual lines (issue 39): its start and each detection a virtual point
     * ({@code virtual: {lat, lon, bearingDeg, widthM}}) placed on the leg's {@link RoutePath} at the point's km, across
     * the path's heading there, so that the cars' GPS fixes time it ({@link GpsFeed}). The PM is the one whose stretch of
     * smooth path is most like the road (the most metres of path per km of the leg; on the 1000 Miglia PM5 on leg 3, at
     * 0.80): where the towns are far apart for the road between them (Forlì to Cervia, 155 km of road for 25 km as the
     * crow flies), a car on the smooth path would crawl at a sixth of its speed and its fixes' noise would say little. The
     * rest of the race is unchanged (the same seed draws the same layout): {@code run-local --gps} plays this.
     */
    public DemoRace withVirtualPm() {
        ObjectNode copy = definition.deepCopy();
        JsonNode best = null;
        JsonNode bestLeg = null;
        double bestScale = 0;
        for (JsonNode leg : copy.get("legs")) {
            if (leg.path("laps").asInt(1) > 1) {
                continue;
            }
            RoutePath path = RoutePath.of(leg);
            Map<String, Double> km = new HashMap<>();
            leg.get("timingPoints").forEach(p -> km.put(p.get("id").asText(), p.get("km").asDouble()));
            for (JsonNode trial : leg.get("trials")) {
                if (trial.get("type").asText().equals("PM")) {
                    double scale = path.metresPerKm(km.get(trial.get("start").asText()));
                    for (JsonNode d : trial.get("detections")) {
                        scale = Math.min(scale, path.metresPerKm(km.get(d.get("point").asText())));
                    }
                    if (scale > bestScale) {
                        best = trial;
                        bestLeg = leg;
                        bestScale = scale;
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no PM on a road leg to measure at virtual lines");
        }
        List<String> ids = new ArrayList<>();
        ids.add(best.get("start").asText());
        best.get("detections").forEach(d -> ids.add(d.get("point").asText()));
        RoutePath path = RoutePath.of(bestLeg);
        for (JsonNode point : bestLeg.get("timingPoints")) {
            if (ids.contains(point.get("id").asText())) {
                RoutePath.Place place = path.at(point.get("km").asDouble());
                ((ObjectNode) point).putObject("virtual").put("lat", round(place.lat(), 1e7)).put("lon", round(place.lon(), 1e7))
                        .put("bearingDeg", round(place.headingDeg(), 100) % 360).put("widthM", VIRTUAL_WIDTH_M);
            }
        }
        return new DemoRace(raceId, copy, crews);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    /** The same race under another id (its passages' ids follow it): for a second race on the same stack. */
    public DemoRace renamed(String id) {
        ObjectNode copy = definition.deepCopy();
        copy.put("id", id);
        return new DemoRace(id, copy, crews);
    }

    /** The same race with another entry list (a season's crews: the same people from race to race). */
    public DemoRace withCrews(List<Map<String, Object>> entries) {
        return new DemoRace(raceId, definition, entries);
    }

    /**
     * Defines this race on a running stack (under {@code raceId-suffix} when a suffix is given),
     * waits until every service knows it, and registers its crews. Returns the race id used.
     */
    public String publish(Stack stack, String suffix) {
        String id = suffix == null ? raceId : raceId + "-" + suffix;
        ObjectNode copy = definition.deepCopy();
        copy.put("id", id);
        Api raceDirection = stack.raceDirection();
        raceDirection.ok("PUT", stack.routeUrl() + "/api/races/" + id, copy);
        stack.awaitRaceKnown(id);
        raceDirection.ok("POST", stack.classificationUrl() + "/api/races/" + id + "/crews", crews);
        return id;
    }

    /**
     * This race's definition as race direction leaves it to publish it: every trial CLOSED (a neutralised one stays so),
     * so a crew's trial still pending is missed (rules.md), as the published results score it.
     */
    public ObjectNode closed() {
        ObjectNode copy = definition.deepCopy();
        copy.get("legs").forEach(leg -> leg.get("trials").forEach(trial -> {
            if (!"NEUTRALISED".equals(trial.path("status").asText())) {
                ((ObjectNode) trial).put("status", "CLOSED");
            }
        }));
        return copy;
    }

    /**
     * What race direction does when the race is over: closes every trial (one new revision of the definition, {@link
     * #closed()}) and publishes the race as final (route-service's {@code POST …/publish}); classification then sends its
     * FINAL results to {@code race-results} within half a second.
     */
    public void closeAndPublish(Stack stack) {
        Api raceDirection = stack.raceDirection();
        raceDirection.ok("PUT", stack.routeUrl() + "/api/races/" + raceId, closed());
        raceDirection.ok("POST", stack.routeUrl() + "/api/races/" + raceId + "/publish", null);
    }

    /** When a leg starts, in the race's time zone: 07:00 local on the leg's date. */
    public Instant legStart(int leg) {
        JsonNode node = definition.get("legs").get(leg - 1);
        return LocalDate.parse(node.get("date").asText()).atTime(7, 0).atZone(ZoneId.of("Europe/Rome")).toInstant();
    }

    private static ObjectNode load() {
        try (InputStream in = DemoRace.class.getResourceAsStream("/data/1000-miglia-2023-route.json")) {
            return (ObjectNode) Api.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the 2023 route data", e);
        }
    }
}
