package io.regularity.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.Tokens;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The race office on route-service: the route as a spreadsheet both ways, dry runs, the posts and their phones. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "route"))
class OfficeTest {

    @Inject
    DataSource database;

    static final ObjectMapper JSON = new ObjectMapper();

    static void define(String id) {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(RaceResourceTest.race(id, "Office"))
                .put("/api/races/" + id).then().statusCode(201);
    }

    @Test
    void theRouteComesAsASpreadsheetAndGoesBackTheSameBothAsCsvAndAsAWorkbook() throws Exception {
        define("r-sheet");
        JsonNode json = JSON.readTree(given().get("/api/races/r-sheet").then().statusCode(200).extract().asString());
        String csv = given().accept("text/csv").get("/api/races/r-sheet").then().statusCode(200).header("ETag", "\"1\"")
                .header("Content-Disposition", containsString("r-sheet-route.csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFFrecord,leg,id,name"), csv);
        assertTrue(csv.contains("trial,1,PC1,"), csv);
        byte[] workbook = given().accept(Xlsx.MEDIA_TYPE).get("/api/races/r-sheet").then().statusCode(200).extract().asByteArray();
        assertEquals("record", Xlsx.read(workbook).rows().get(0).get(0));
        // what comes out goes back in: the same definition, a new revision
        JsonNode fromCsv = JSON.readTree(given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).put("/api/races/r-sheet").then().statusCode(200).body("revision", equalTo(2))
                .extract().asString());
        JsonNode fromXlsx = JSON.readTree(given().header("Authorization", RealServers.raceDirection()).contentType(Xlsx.MEDIA_TYPE)
                .body(workbook).put("/api/races/r-sheet").then().statusCode(200).body("revision", equalTo(3)).extract().asString());
        for (JsonNode again : List.of(fromCsv, fromXlsx)) {
            assertEquals(json.get("legs"), again.get("legs"));
            assertEquals(json.get("scoring"), again.get("scoring"));
            assertEquals(json.get("name"), again.get("name"));
        }
    }

    @Test
    void aSheetsFaultsAreAllNamedByRowAndColumnAndNothingIsStored() {
        String sheet = Csv.BOM + """
                record;leg;id;name;year;type;start;finish;targetMs;km;startPoint
                race;;r-bad;Coppa;2024;;;;;;
                leg;1;;Leg 1;;;;;;;S
                point;1;S;;;;;;;0;
                point;1;A;;;;;;;1,5;
                trial;1;PC1;;;PC;S;A;dodici;;
                trial;1;PC2;;;PC;A;Z;12000;;
                """;
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8").body(sheet.getBytes(StandardCharsets.UTF_8))
                .put("/api/races/r-bad").then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem("row 6, column targetMs: must be a whole number, not \"dodici\""))
                .body("errors.message", hasItem("row 7, column finish: unknown timing point Z"))
                .body("errors.field", hasItem("row 7.finish"));
        given().get("/api/races/r-bad").then().statusCode(404);
    }

    @Test
    void aDryRunSaysWhatWouldBeStoredAndStoresNothing() {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(RaceResourceTest.race("r-dry", "Dry"))
                .queryParam("dryRun", true).put("/api/races/r-dry").then().statusCode(200).header("X-Dry-Run", "true")
                .body("revision", equalTo(1)).body("legs[0].trials[0].status", equalTo("OPEN"));
        given().get("/api/races/r-dry").then().statusCode(404);
        define("r-dry");
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(RaceResourceTest.race("r-dry", "Dry").replace("\"targetMs\": 12000", "\"targetMs\": -1")).queryParam("dryRun", true)
                .put("/api/races/r-dry").then().statusCode(400).body("errors.field", contains("legs[0].trials[0].targetMs"));
        given().get("/api/races/r-dry").then().statusCode(200).body("revision", equalTo(1)).body("legs[0].trials[0].targetMs", equalTo(12000));
        given().get("/api/races/r-dry/history").then().body("revision", contains(1));
    }

    @Test
    void theTemplateIsTheDemoRaceWithTheNewRacesRowAndSavesAsItIs() {
        String csv = given().accept("text/csv").queryParam("id", "coppa-2027").queryParam("name", "Coppa delle Valli 2027")
                .queryParam("year", 2027).get("/api/templates/race").then().statusCode(200)
                .header("Content-Disposition", containsString("coppa-2027-route.csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFFrecord,leg,id,name,year,timeZone"), csv.substring(0, 80));
        assertTrue(csv.contains("race,,coppa-2027,Coppa delle Valli 2027,2027,Europe/Rome"), csv.substring(0, 400));
        // as the organiser would: saved as it came, first as a dry run (nothing stored), then for real
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).queryParam("dryRun", true).put("/api/races/coppa-2027").then()
                .statusCode(200).body("legs.size()", equalTo(5)).body("legs[0].trials.size()", equalTo(41));
        given().get("/api/races/coppa-2027").then().statusCode(404);
        byte[] workbook = given().accept(Xlsx.MEDIA_TYPE).queryParam("id", "coppa-2027").get("/api/templates/race").then()
                .statusCode(200).extract().asByteArray();
        given().header("Authorization", RealServers.raceDirection()).contentType(Xlsx.MEDIA_TYPE).body(workbook)
                .put("/api/races/coppa-2027").then().statusCode(201).body("name", equalTo("1000 Miglia 2023"))
                .body("legs[4].name", equalTo("Milano - Brescia"));
        // without an id its race row is blank: it is saved as whichever race it is put to
        String plain = given().accept("text/csv").get("/api/templates/race").then().statusCode(200).extract().asString();
        assertTrue(plain.contains("\r\nrace,,,1000 Miglia 2023,2023,"), plain.substring(0, 400));
    }

    @Test
    void twoRevisionsCompareTrialByTrial() {
        define("r-history");
        String auth = RealServers.raceDirection();
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"targetMs\": 31000}")
                .patch("/api/races/r-history/trials/PC1").then().statusCode(200);
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"status\": \"CLOSED\"}")
                .patch("/api/races/r-history/trials/PC1").then().statusCode(200);
        given().queryParam("from", 1).queryParam("to", 3).get("/api/races/r-history/history/compare").then().statusCode(200)
                .body("from", equalTo(1)).body("to", equalTo(3))
                .body("trials.size()", equalTo(1)).body("trials[0].trial", equalTo("PC1")).body("trials[0].change", equalTo("CHANGED"))
                .body("trials[0].fields.field", contains("targetMs", "status"))
                .body("trials[0].fields[0].before", equalTo(12000)).body("trials[0].fields[0].after", equalTo(31000))
                .body("trials[0].fields[1].before", equalTo("OPEN")).body("trials[0].fields[1].after", equalTo("CLOSED"));
        given().queryParam("from", 3).queryParam("to", 3).get("/api/races/r-history/history/compare").then().statusCode(200)
                .body("trials.size()", equalTo(0));
        given().queryParam("from", 1).queryParam("to", 9).get("/api/races/r-history/history/compare").then().statusCode(404)
                .body("detail", containsString("no revision 9"));
        given().queryParam("from", 1).get("/api/races/r-history/history/compare").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void thePostsSayWhereTheyAreAndWhatTheyTime() {
        define("r-posts");
        double lat = given().get("/api/races/r-posts/posts").then().extract().jsonPath().getDouble("[1].lat");
        assertEquals(45.4712, lat, 0.0001, "placed between the towns around it, as on the map");
        given().get("/api/races/r-posts/posts").then().statusCode(200).body("point", contains("L1-START", "L1-P01", "L1-P02"))
                .body("[1].leg", equalTo(1)).body("[1].town", equalTo("Desenzano"))
                .body("[1].trials[0].trial", equalTo("PC1")).body("[1].trials[0].role", equalTo("START"))
                .body("[2].trials.role", contains("FINISH", "CONTROL"));
    }

    @Test
    void aDeviceGivenToAPostGetsALinkItsQrCodeCarriesAndItsTokenIsRefusedOnceRevoked() throws Exception {
        define("r-dev");
        String auth = RealServers.raceDirection();
        JsonNode given = JSON.readTree(given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"device\": \"tk-17\", \"point\": \"L1-P01\"}").post("/api/races/r-dev/devices").then().statusCode(201)
                .body("device", equalTo("tk-17")).body("leg", equalTo(1)).extract().asString());
        String link = given.get("link").asText();
        assertTrue(link.startsWith("http://localhost:8082/timekeeper/#token="), link);
        assertTrue(link.endsWith("&race=r-dev&leg=1&point=L1-P01&device=tk-17"), link);
        Instant expires = Instant.parse(given.get("expiresAt").asText());
        assertTrue(expires.isBefore(Instant.now().plus(Duration.ofDays(31))) && expires.isAfter(Instant.now()), expires.toString());
        // the token: the race's and the device's, a timekeeper's
        String token = link.substring(link.indexOf("token=") + 6, link.indexOf('&'));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("tk-17", claims.get("device").asText());
        assertEquals("r-dev", claims.get("races").get(0).asText());
        assertEquals("timekeeper", claims.get("groups").get(0).asText());
        // the QR code, decoded as a phone's camera would, is the link
        assertEquals(link, decode(given.get("qr").asText()));
        // issue 34: the token was kept in clear (to show the QR again); only its hash is kept now
        try (var c = database.getConnection(); var q = c.createStatement();
                var rs = q.executeQuery("select * from device where race_id = 'r-dev' and device = 'tk-17'")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertTrue(rs.getString(i) == null || !rs.getString(i).contains(token), rs.getMetaData().getColumnName(i) + " holds the token");
            }
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))),
                    rs.getString("token_hash"));
        }
        // listed without the token; a second device for the same name while it counts is a 409
        given().header("Authorization", auth).get("/api/races/r-dev/devices").then().statusCode(200)
                .body("device", contains("tk-17")).body("[0].state", equalTo("ACTIVE")).body(not(containsString(token)));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"device\": \"tk-17\", \"point\": \"L1-P02\"}")
                .post("/api/races/r-dev/devices").then().statusCode(409);
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"device\": \"tk 17!\", \"point\": \"L1-NOPE\"}")
                .post("/api/races/r-dev/devices").then().statusCode(400).body("errors.field", hasItem("device"));
        // the device's token authenticates (a timekeeper may not list devices: 403), and so does another naming the device
        // (deploy/issue-token's)
        given().header("Authorization", "Bearer " + token).get("/api/races/r-dev/devices").then().statusCode(403);
        String scripted = Tokens.forTests().timekeeper("script", "tk-17", "*");
        given().header("Authorization", "Bearer " + scripted).get("/api/races/r-dev/devices").then().statusCode(403);
        // the QR code again: a new token for the same post, the old one refused from now on
        String again = decode(given().header("Authorization", auth).post("/api/races/r-dev/devices/tk-17/qr").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString());
        String newToken = again.substring(again.indexOf("token=") + 6, again.indexOf('&'));
        assertTrue(again.endsWith("&race=r-dev&leg=1&point=L1-P01&device=tk-17") && !newToken.equals(token), again);
        // issue 34: a revocation named one token; another naming the device, issued before it, kept working
        for (String revoked : List.of(token, scripted)) {
            given().header("Authorization", "Bearer " + revoked).get("/api/races/r-dev/devices").then().statusCode(401)
                    .body("detail", startsWith("this device's token was revoked"));
        }
        given().header("Authorization", "Bearer " + newToken).get("/api/races/r-dev/devices").then().statusCode(403);
        given().header("Authorization", auth).delete("/api/races/r-dev/devices/tk-17").then().statusCode(200).body("state", equalTo("REVOKED"))
                .body("revokedBy", equalTo("race-director"));
        given().header("Authorization", "Bearer " + newToken).get("/api/races/r-dev/devices").then().statusCode(401)
                .body("detail", startsWith("this device's token was revoked"));
        given().header("Authorization", auth).post("/api/races/r-dev/devices/tk-17/qr").then().statusCode(404);
        // a token of the same device issued after the revocation counts again (the phone given back)
        JsonNode back = JSON.readTree(given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"device\": \"tk-17\", \"point\": \"L1-P01\"}").post("/api/races/r-dev/devices").then().statusCode(201)
                .extract().asString());
        String backToken = back.get("link").asText().substring(back.get("link").asText().indexOf("token=") + 6, back.get("link").asText().indexOf('&'));
        given().header("Authorization", "Bearer " + backToken).get("/api/races/r-dev/devices").then().statusCode(403);
        // and every other service hears of it on route-events
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "route-events",
                rs -> rs.stream().anyMatch(r -> r.value().contains("\"DeviceRevoked\"") && r.value().contains("\"tk-17\"")), Duration.ofSeconds(20));
        // the first revocation of this race's device (other tests revoke devices of their own races)
        var first = records.stream().filter(r -> r.value().contains("\"DeviceRevoked\"") && r.value().contains("\"r-dev\"")).findFirst().orElseThrow();
        JsonNode revoked = JSON.readTree(first.value());
        // the first revocation: the QR code shown again
        assertEquals(claims.get("jti").asText(), revoked.get("tokenId").asText());
        assertEquals("r-dev", revoked.get("raceId").asText());
        assertEquals("r-dev/device/tk-17", first.key());
    }

    @Test
    void aCrewsPhoneGetsATokenForItsRaceAndCarInTheCrewAppsLinkAndItIsRefusedOnceRevoked() throws Exception {
        define("r-crew");
        String auth = RealServers.raceDirection();
        JsonNode given = JSON.readTree(given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"device\": \"crew-48\", \"car\": 48}").post("/api/races/r-crew/devices").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/races/r-crew/devices/crew-48"))
                .body("device", equalTo("crew-48")).body("car", equalTo(48)).extract().asString());
        assertTrue(!given.has("point") && !given.has("leg"), given.toString());
        String link = given.get("link").asText();
        assertTrue(link.startsWith("http://localhost:8082/crew/#token="), link);
        assertTrue(link.endsWith("&race=r-crew&car=48&device=crew-48"), link);
        assertEquals(link, decode(given.get("qr").asText()));
        Instant expires = Instant.parse(given.get("expiresAt").asText());
        assertTrue(expires.isBefore(Instant.now().plus(Duration.ofDays(31))) && expires.isAfter(Instant.now()), expires.toString());
        // the token: the race's, the car's and the phone's, a crew's (never a timekeeper's: it posts no passage)
        String token = link.substring(link.indexOf("token=") + 6, link.indexOf('&'));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(List.of("crew"), JSON.convertValue(claims.get("groups"), List.class));
        assertEquals(48, claims.get("car").asInt());
        assertTrue(claims.get("car").isIntegralNumber(), claims.toString());
        assertEquals("r-crew", claims.get("races").get(0).asText());
        assertEquals(1, claims.get("races").size());
        assertEquals("crew-48", claims.get("device").asText());
        // listed with its car, never the token; the same device again while it counts is a 409 naming the car
        given().header("Authorization", auth).get("/api/races/r-crew/devices").then().statusCode(200)
                .body("device", contains("crew-48")).body("[0].car", equalTo(48)).body("[0].state", equalTo("ACTIVE"))
                .body(not(containsString(token)));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"device\": \"crew-48\", \"car\": 49}")
                .post("/api/races/r-crew/devices").then().statusCode(409).body("detail", startsWith("device crew-48 has a token for car 48"));
        // a crew's token is no race direction's
        given().header("Authorization", "Bearer " + token).get("/api/races/r-crew/devices").then().statusCode(403);
        // a new QR code: a new crew token for the same car, the old one refused
        String again = decode(given().header("Authorization", auth).post("/api/races/r-crew/devices/crew-48/qr").then().statusCode(200)
                .extract().asString());
        assertTrue(again.startsWith("http://localhost:8082/crew/#token=") && again.endsWith("&race=r-crew&car=48&device=crew-48"), again);
        given().header("Authorization", "Bearer " + token).get("/api/races/r-crew/devices").then().statusCode(401)
                .body("detail", startsWith("this device's token was revoked"));
        String newToken = again.substring(again.indexOf("token=") + 6, again.indexOf('&'));
        assertEquals(48, JSON.readTree(Base64.getUrlDecoder().decode(newToken.split("\\.")[1])).get("car").asInt());
        // revoked: refused
        given().header("Authorization", auth).delete("/api/races/r-crew/devices/crew-48").then().statusCode(200)
                .body("state", equalTo("REVOKED")).body("car", equalTo(48));
        given().header("Authorization", "Bearer " + newToken).get("/api/races/r-crew/devices").then().statusCode(401)
                .body("detail", startsWith("this device's token was revoked"));
        // a post's phone is given as before, with its point and leg and no car
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"device\": \"tk-1\", \"point\": \"L1-P01\"}")
                .post("/api/races/r-crew/devices").then().statusCode(201).body("point", equalTo("L1-P01")).body("leg", equalTo(1))
                .body("$", not(org.hamcrest.Matchers.hasKey("car")));
    }

    @Test
    void aDeviceIsForAPostOrACarOneOfThemAndACarIsAPositiveWholeNumber() {
        define("r-crew-bad");
        String auth = RealServers.raceDirection();
        String[][] refused = { { "{\"device\": \"crew-1\", \"point\": \"L1-P01\", \"car\": 1}", "car", "not both" },
                { "{\"device\": \"crew-1\"}", "point", "say the post (point) or the crew's car (car)" },
                { "{\"device\": \"crew-1\", \"car\": 0}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew-1\", \"car\": -4}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew-1\", \"car\": 10000}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew-1\", \"car\": 4.5}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew-1\", \"car\": \"48\"}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew-1\", \"car\": 99999999999}", "car", "whole number from 1 to 9999" },
                { "{\"device\": \"crew 1!\", \"car\": 1}", "device", "name the device" } };
        for (String[] r : refused) {
            given().header("Authorization", auth).contentType(ContentType.JSON).body(r[0]).post("/api/races/r-crew-bad/devices").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(r[1]))
                    .body("errors[0].message", containsString(r[2]));
        }
        given().header("Authorization", auth).header("Accept-Language", "it").contentType(ContentType.JSON)
                .body("{\"device\": \"crew-1\", \"point\": \"L1-P01\", \"car\": 1}").post("/api/races/r-crew-bad/devices").then()
                .statusCode(400).body("errors[0].message", containsString("non a entrambe"));
        given().header("Authorization", auth).get("/api/races/r-crew-bad/devices").then().statusCode(200).body("size()", equalTo(0));
    }

    /** The link a QR code of the service's SVG carries: its modules drawn as pixels, read by ZXing. */
    static String decode(String svg) throws Exception {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(size.find(), svg);
        int n = Integer.parseInt(size.group(1));
        int scale = 6;
        int width = n * scale;
        int[] pixels = new int[width * width];
        Arrays.fill(pixels, 0xFFFFFF);
        Matcher module = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int mx = Integer.parseInt(module.group(1));
            int my = Integer.parseInt(module.group(2));
            for (int y = 0; y < scale; y++) {
                for (int x = 0; x < scale; x++) {
                    pixels[(my * scale + y) * width + mx * scale + x] = 0;
                }
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)))).getText();
    }
}
