package io.regularity.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import io.regularity.deploy.demo.ChampionshipReferee;
import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.DemoSeason;
import io.regularity.deploy.demo.GpsFeed;
import io.regularity.deploy.demo.GpsMeasure;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

/**
 * {@code deploy/run-local}: the whole system on this machine, no Docker. Starts PostgreSQL, Kafka and
 * the four services, then (unless {@code --no-demo}) the demo season ({@link DemoSeason}): a championship over three
 * races, two played at once and published, the third played live so the standings and the championship's provisional
 * list move; or, with {@code --race miglia} or {@code --race circuit}, the 1000 Miglia 2023 alone or the Trofeo Roberto
 * Gaburri alone on its city circuit. Ctrl-C or SIGTERM stops everything.
 */
public final class LocalStack {

    /** Building nothing, a start takes some 40 s here; the broker alone may try twice (90 s each) before it gives up. */
    static final Duration START_DEADLINE = Duration.ofMinutes(6);
    static final long WATCH_SECONDS = 5;

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("""
                    usage: deploy/run-local [--no-demo] [--race season|miglia|circuit] [--speed N] [--crews N] [--gps 1|10]
                      --no-demo   start the stack empty, for tests and scripted clients
                      --race R    the demo: season (default), a championship over three races: the Trofeo Roberto
                                  Gaburri and the 1000 Miglia played at once and published as final, then the Coppa
                                  della Franciacorta played live; miglia, the 1000 Miglia 2023 alone, on its five road
                                  legs; circuit, the Trofeo Roberto Gaburri alone: 6 laps of a city circuit in Brescia
                      --speed N   demo clock of the race played live, N times real time (default 60: a 10-hour leg in
                                  10 minutes); max: as fast as the system takes it
                      --crews N   demo entry list size (default 420 for the 1000 Miglia, 60 on the circuit; in the
                                  season the 1000 Miglia's, the Trofeo's a seventh of it and the Coppa's two sevenths)
                      --gps HZ    the 1000 Miglia's first PM measured at virtual lines from the cars' GPS fixes, 1 (a
                                  phone, σ 3 m) or 10 (a GNSS receiver, σ 1 m) fixes a second; after the race the simulator
                                  prints the GPS crossings' error against the true crossings (docs/simulator.md)
                    """);
            return;
        }
        boolean demo = !options.contains("--no-demo");
        String speedOption = option(options, "--speed", "60");
        double speed = speedOption.equals("max") ? RaceFeed.AS_FAST_AS_POSSIBLE : Double.parseDouble(speedOption);
        String raceOption = option(options, "--race", "season");
        if (!List.of("season", "miglia", "circuit").contains(raceOption)) {
            System.err.println("--race must be season, miglia or circuit, not " + raceOption);
            System.exit(2);
        }
        boolean circuit = raceOption.equals("circuit");
        String gpsOption = option(options, "--gps", null);
        GpsFeed.Rate gps = null;
        if (gpsOption != null) {
            try {
                gps = GpsFeed.Rate.of(Integer.parseInt(gpsOption));
            } catch (IllegalArgumentException e) {
                System.err.println("--gps takes 1 or 10 (fixes a second), not " + gpsOption);
                System.exit(2);
            }
            if (circuit) {
                System.err.println("--gps measures the 1000 Miglia's PM: use it with --race season or --race miglia");
                System.exit(2);
            }
        }
        int crewCount = Integer.parseInt(option(options, "--crews", circuit ? "60" : "420"));
        Path root = Path.of(System.getProperty("regularity.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("deploy/target/local");

        Stack stack = StartOrExit.within(START_DEADLINE, "the stack",
                () -> Stack.start(root, data, Stack.Ports.local(), false, root.resolve("deploy/target/tokens")));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Stack.log("stopping");
            running.set(false);
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));

        System.out.println("""

                Regularity race timing platform, running locally
                  route-service           %s   (management: %s/q/health, /q/metrics, /q/swagger-ui)
                  timing-service          %s   (management: %s)
                  classification-service  %s   (management: %s)
                  championship-service    %s   (management: %s)
                  Kafka                   %s
                  PostgreSQL              %s
                  dashboard               %s/
                  timekeeper app          %s/timekeeper/
                  race direction console  %s/direction/
                  logs and data           %s
                  tokens                  %s/race-direction.jwt and timekeeper.jwt (every race);
                                          more with deploy/issue-token
                Writes need a token: curl -H "Authorization: Bearer $(cat %s/race-direction.jwt)" …
                A timing post (device tk-1), ready to open on a phone or a laptop:
                  %s/timekeeper/#token=%s
                Ctrl-C stops everything.
                """.formatted(stack.routeUrl(), stack.managementUrl("route-service"), stack.timingUrl(), stack.managementUrl("timing-service"),
                stack.classificationUrl(), stack.managementUrl("classification-service"), stack.championshipUrl(),
                stack.managementUrl("championship-service"), stack.kafka().bootstrapServers(), stack.postgres().jdbcUrl("<service>"), stack.classificationUrl(), stack.timingUrl(),
                stack.classificationUrl(), data, stack.tokenDir(), stack.tokenDir(), stack.timingUrl(), stack.postToken("tk-1")));

        if (demo && raceOption.equals("season")) {
            season(stack, crewCount, speed, gps, running);
        } else if (demo) {
            DemoRace race = circuit ? DemoRace.circuit(crewCount, 2023) : DemoRace.generate(crewCount, 2023);
            if (gps != null) {
                race = race.withVirtualPm();
            }
            race.publish(stack, null);
            Stack.log("demo race " + race.raceId + " defined with " + race.crews.size() + " crews: " + stack.routeUrl()
                    + "/api/races/" + race.raceId);
            RaceFeed feed = new RaceFeed(race, 2023);
            GpsFeed units = gpsFeed(stack, feed, gps);
            System.out.println("""
                    Live standings: %s/api/races/%s/standings
                    Stream:         %s/api/races/%s/standings/stream
                    Playing %d passages at %.0f× real time.
                    """.formatted(stack.classificationUrl(), race.raceId, stack.classificationUrl(), race.raceId,
                    feed.crossings().size(), speed));
            Thread player = new Thread(() -> {
                feed.play(stack.timekeeper(), stack.raceDirection(), stack.timingUrl(), stack.classificationUrl(), speed, units, running::get);
                if (running.get() && units != null) {
                    measureGps(stack, feed, units);
                }
                if (running.get()) {
                    System.out.println("[demo] " + Referee.check(feed, new Api(), stack.classificationUrl(), Duration.ofMinutes(2)));
                }
            }, "demo-feed");
            player.setDaemon(true);
            player.start();
        }
        // as an orchestrator would: a service that ended, or whose liveness is DOWN, is said and started again
        while (!stopped.await(WATCH_SECONDS, TimeUnit.SECONDS)) {
            if (running.get()) {
                stack.watch();
            }
        }
    }

    /**
     * The demo season: its three races defined with their entry lists, the championship over them defined, its addresses
     * printed; then the first two rounds played as fast as the system takes them and published as final, the third
     * played live at {@code speed} and published when it ends. The simulator's Referee checks each race, and its
     * ChampionshipReferee the championship's lists, once the first two rounds are final and again after the third.
     */
    static void season(Stack stack, int crewCount, double speed, GpsFeed.Rate gps, AtomicBoolean running) {
        DemoSeason season = gps == null ? DemoSeason.generate(crewCount, 2023) : DemoSeason.generate(crewCount, 2023).withVirtualPm();
        for (DemoRace race : season.rounds) {
            race.publish(stack, null);
            Stack.log("demo race " + race.raceId + " defined with " + race.crews.size() + " crews: " + stack.routeUrl() + "/api/races/"
                    + race.raceId);
        }
        season.define(stack, Duration.ofMinutes(2));
        String championship = stack.championshipUrl() + "/api/championships/" + season.id;
        DemoRace live = season.live();
        System.out.printf("""

                Demo season: %s, a championship over three races
                  %s (weight %s) and %s (weight %s): played at once, then published as final
                  %s (weight %s): played live %s, then published
                Championship:   %s
                Standings:      %s/standings                     (the final rounds; ?list=teams for the teams)
                Provisional:    %s/standings?provisional=true    (with the live round as it stands: it moves)
                Stream:         %s/standings/stream?provisional=true
                Identities:     %s/identities                    (people matched by name, to confirm)
                Live race:      %s/api/races/%s/standings
                On the dashboard: %s/#/championship/%s?provisional=true   (and race direction's Championships tab: %s/direction/)

                """, season.definition().get("name").asText(), season.rounds.get(0).raceId, season.weights.get(0), season.rounds.get(1).raceId,
                season.weights.get(1), live.raceId, season.weights.get(2), pace(speed), championship, championship, championship, championship,
                championship, stack.classificationUrl(), live.raceId, stack.classificationUrl(), season.id, stack.classificationUrl());
        Thread player = new Thread(() -> {
            Map<String, ChampionshipReferee.Round> rounds = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (DemoRace race : season.rounds.subList(0, 2)) {
                playAndPublish(stack, race, RaceFeed.AS_FAST_AS_POSSIBLE, gps, running).ifPresent(round -> rounds.put(race.raceId, round));
            }
            if (!running.get()) {
                return;
            }
            System.out.printf("[season] %s and %s played and published in %d s%n", season.rounds.get(0).raceId, season.rounds.get(1).raceId,
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            championshipVerdicts(stack, season, rounds);
            Thread watcher = new Thread(() -> watchProvisional(championship, running), "demo-season-watch");
            watcher.setDaemon(true);
            watcher.start();
            playAndPublish(stack, live, speed, gps, running).ifPresent(round -> rounds.put(live.raceId, round));
            watcher.interrupt();
            if (running.get()) {
                championshipVerdicts(stack, season, rounds);
            }
        }, "demo-season");
        player.setDaemon(true);
        player.start();
    }

    /** Plays a race, closes its trials and publishes it, and says whether its FINAL standings agree with the Referee. */
    private static Optional<ChampionshipReferee.Round> playAndPublish(Stack stack, DemoRace race, double speed, GpsFeed.Rate gps,
            AtomicBoolean running) {
        RaceFeed feed = new RaceFeed(race, 2023);
        GpsFeed units = gpsFeed(stack, feed, gps);
        System.out.printf("[season] %s: playing %d passages%s %s%n", race.raceId, feed.crossings().size(),
                units == null ? "" : " and " + units.fixCount() + " GPS fixes at " + units.rate().hz + " Hz", pace(speed));
        feed.play(stack.timekeeper(), stack.raceDirection(), stack.timingUrl(), stack.classificationUrl(), speed, units, running::get);
        if (!running.get()) {
            return Optional.empty();
        }
        if (units != null) {
            measureGps(stack, feed, units); // before the race is closed: a PM detection timing has not measured yet would be missed
        }
        race.closeAndPublish(stack);
        System.out.println("[season] " + race.raceId + " published as final; " + Referee.check(feed, race.closed(), new Api(),
                stack.classificationUrl(), Duration.ofMinutes(2)));
        return Optional.of(ChampionshipReferee.Round.of(feed, race.closed()));
    }

    /** The cars' GPS units of a race with virtual points, at {@code rate} (null, or a race without virtual points: none). */
    private static GpsFeed gpsFeed(Stack stack, RaceFeed feed, GpsFeed.Rate rate) {
        if (rate == null || RaceFeed.virtualPoints(feed.race().definition).isEmpty()) {
            return null;
        }
        String raceId = feed.race().raceId;
        return new GpsFeed(feed, rate, 2023).tokens(car -> stack.crew(raceId, car));
    }

    /**
     * After a race's fixes are sent: waits for timing's GPS passages at the virtual points, gives them to the feed (the
     * Referee scores them as classification does) and prints how far they are from the true crossings.
     */
    private static void measureGps(Stack stack, RaceFeed feed, GpsFeed units) {
        String raceId = feed.race().raceId;
        List<GpsMeasure.Measured> measured = GpsMeasure.await(new Api(), stack.timingUrl(), raceId,
                RaceFeed.virtualPoints(feed.race().definition), units.truths().size(), Duration.ofSeconds(30));
        feed.measured(measured.stream().map(GpsMeasure.Measured::crossing).toList());
        System.out.println("[gps] " + raceId + ": " + GpsMeasure.of(units.rate().hz + " Hz", units.truths(), measured));
    }

    private static String pace(double speed) {
        return speed == RaceFeed.AS_FAST_AS_POSSIBLE ? "as fast as the system takes them" : String.format("at %.0f× real time", speed);
    }

    /** The ChampionshipReferee's verdicts on the championship's lists by the final rounds given. */
    private static void championshipVerdicts(Stack stack, DemoSeason season, Map<String, ChampionshipReferee.Round> rounds) {
        for (String list : List.of("overall", "teams")) {
            System.out.println("[season] after " + rounds.size() + " final rounds, " + ChampionshipReferee.check(new Api(), stack.championshipUrl(),
                    season.definition(), list, null, rounds, false, Duration.ofMinutes(1)));
        }
    }

    /** Every 30 s while the live round plays: the head of the championship's provisional list. */
    private static void watchProvisional(String championship, AtomicBoolean running) {
        Api reader = new Api();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(30_000);
                JsonNode list = reader.ok("GET", championship + "/standings?provisional=true", null);
                StringBuilder head = new StringBuilder();
                for (int i = 0; i < Math.min(3, list.get("entries").size()); i++) {
                    JsonNode e = list.get("entries").get(i);
                    head.append(i == 0 ? "" : ", ").append(e.path("rank").asText("-")).append(". ").append(e.at("/person/name").asText())
                            .append(' ').append(e.get("points").decimalValue().toPlainString());
                }
                System.out.println("[season] provisional championship, the live round as it stands: " + head);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("[season] provisional championship unavailable (" + e.getMessage() + ")");
            }
        }
    }

    private static String option(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
    }
}
