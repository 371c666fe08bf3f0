package io.regularity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

/**
 * Issue 37 across the packaged services (docs/rules.md, The protest window): a whole round played by the simulator,
 * posted as provisional with a one-minute window; a protest lodged in it and upheld with a steward's penalty, one lodged
 * late refused; the list official by itself at the window's end (route-service publishes it once classification says
 * the window closed with no protest open), the penalty in it.
 */
class ProtestWindowIT {

    @Test
    void aRoundPostedAsProvisionalWithAProtestUpheldInItsWindowBecomesOfficialByItselfAtTheWindowsEnd() throws Exception {
        Stack stack = SharedStack.get();
        DemoRace race = DemoRace.franciacorta(12, 37).renamed("coppa-reclami");
        race.definition.put("protestMinutes", 1);
        race.definition.putObject("officials").put("clerkOfCourse", "Anna Bianchi").put("chiefTimekeeper", "Luca Neri");
        race.publish(stack, null);
        RaceFeed feed = new RaceFeed(race, 37);
        feed.play(stack.timekeeper(), stack.raceDirection(), stack.timingUrl(), stack.classificationUrl(), RaceFeed.AS_FAST_AS_POSSIBLE,
                () -> true);
        Api direction = stack.raceDirection();
        String route = stack.routeUrl() + "/api/races/" + race.raceId;
        String classification = stack.classificationUrl() + "/api/races/" + race.raceId;
        ObjectNode closed = race.closed();
        direction.ok("PUT", route, closed);
        Referee.Verdict verdict = Referee.check(feed, closed, new Api(), stack.classificationUrl(), Duration.ofSeconds(60));
        assertTrue(verdict.agree(), verdict.toString());

        JsonNode posted = direction.ok("POST", route + "/provisional", null).get("race");
        Instant until = Instant.parse(posted.get("protestsUntil").asText());
        assertEquals(Instant.parse(posted.get("at").asText()).plusSeconds(60), until);
        ChampionshipIT.await(30, () -> new Api().ok("GET", classification + "/standings", null).path("posted").path("protestsUntil").asText()
                .equals(posted.get("protestsUntil").asText()), "the list posted");
        JsonNode before = new Api().ok("GET", classification + "/standings", null);
        assertEquals("PROVISIONAL", before.get("status").asText());
        int winner = before.at("/entries/0/car").asInt();
        int second = before.at("/entries/1/car").asInt();
        double winnersScore = before.at("/entries/0/score").asDouble();
        double coefficient = before.at("/entries/0/coefficient").asDouble();
        String trial = closed.at("/legs/0/trials/0/id").asText();

        // the second crew protests the winner's time on the first trial, in the window
        JsonNode protest = direction.ok("POST", classification + "/protests", Map.of("car", second, "by", "Navigatore " + second,
                "subject", trial + ": car " + winner + " cut the course before the finish hose", "trial", trial));
        assertEquals("OPEN", protest.get("status").asText());
        // upheld with a steward's penalty on the winner, in one step
        JsonNode decided = direction.ok("POST", classification + "/protests/" + protest.get("id").asText() + "/decide", Map.of(
                "outcome", "UPHELD", "reason", "the marshal at the finish confirms it",
                "rulings", List.of(Map.of("type", "STEWARD_PENALTY", "car", winner, "points", 500, "reason", "protest upheld: course cut"))));
        assertEquals(1, decided.get("rulings").size());
        assertTrue(Instant.now().isBefore(until), "decided within the window: the test would not show the window's end otherwise");

        long start = System.nanoTime();
        ChampionshipIT.await(90, () -> "FINAL".equals(new Api().ok("GET", classification + "/standings", null).path("status").asText()),
                "official by itself");
        System.out.printf("[protests] official %d ms after the window closed (it closed %d ms after the wait began)%n",
                Duration.between(until, Instant.now()).toMillis(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        JsonNode after = new Api().ok("GET", classification + "/standings", null);
        assertEquals(until, Instant.parse(after.at("/published/at").asText()), "stamped at the window's end");
        assertEquals(posted.get("by").asText(), after.at("/published/by").asText(), "signed by whoever posted it");
        JsonNode winnerNow = after.get("entries").findParents("car").stream().filter(e -> e.get("car").asInt() == winner).findFirst()
                .orElseThrow();
        // penalty points count times the car's coefficient, as every penalty does (rules.md)
        assertEquals(winnersScore + 500 * coefficient, winnerNow.get("score").asDouble(), 0.01,
                "the upheld protest's penalty is in the official list");
        assertTrue(new Api().ok("GET", route + "/history", null).findValuesAsText("what").stream()
                .anyMatch(w -> w.startsWith("race published as final: its protest window closed at")));
        // one handed in a second after the window: refused, saying when it closed
        Api.Reply late = direction.send("POST", classification + "/protests", Map.of("car", second, "by", "Navigatore " + second,
                "subject", "too late", "lodgedAt", until.plusSeconds(1).toString()));
        assertEquals(409, late.status(), late.toString());
        assertTrue(late.body().get("detail").asText().contains("closed at"), late.toString());
    }
}
