package io.regularity.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.regularity.deploy.demo.DemoRace;
import io.regularity.deploy.demo.RaceFeed;
import io.regularity.deploy.demo.Referee;

/**
 * {@code deploy/run-local}: the whole system on this machine, no Docker. Starts PostgreSQL, Kafka and
 * the four services, then (unless {@code --no-demo}) loads the 1000 Miglia 2023 demo race (or, with
 * {@code --race circuit}, the Trofeo Roberto Gaburri on its city circuit) with its crews and plays its passages so
 * the standings move. Ctrl-C or SIGTERM stops everything.
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
                    usage: deploy/run-local [--no-demo] [--race miglia|circuit] [--speed N] [--crews N]
                      --no-demo   start the stack empty, for tests and scripted clients
                      --race R    the demo race: miglia (default), the 1000 Miglia 2023 on its five road legs;
                                  circuit, the Trofeo Roberto Gaburri: 6 laps of a city circuit in Brescia
                      --speed N   demo clock, N times real time (default 60: a 10-hour leg in 10 minutes);
                                  max: as fast as the system takes it
                      --crews N   demo entry list size (default 420 for the 1000 Miglia, 60 on the circuit)
                    """);
            return;
        }
        boolean demo = !options.contains("--no-demo");
        String speedOption = option(options, "--speed", "60");
        double speed = speedOption.equals("max") ? RaceFeed.AS_FAST_AS_POSSIBLE : Double.parseDouble(speedOption);
        String raceOption = option(options, "--race", "miglia");
        if (!raceOption.equals("miglia") && !raceOption.equals("circuit")) {
            System.err.println("--race must be miglia or circuit, not " + raceOption);
            System.exit(2);
        }
        boolean circuit = raceOption.equals("circuit");
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

        if (demo) {
            DemoRace race = circuit ? DemoRace.circuit(crewCount, 2023) : DemoRace.generate(crewCount, 2023);
            race.publish(stack, null);
            Stack.log("demo race " + race.raceId + " defined with " + race.crews.size() + " crews: " + stack.routeUrl()
                    + "/api/races/" + race.raceId);
            RaceFeed feed = new RaceFeed(race, 2023);
            System.out.println("""
                    Live standings: %s/api/races/%s/standings
                    Stream:         %s/api/races/%s/standings/stream
                    Playing %d passages at %.0f× real time.
                    """.formatted(stack.classificationUrl(), race.raceId, stack.classificationUrl(), race.raceId,
                    feed.crossings().size(), speed));
            Thread player = new Thread(() -> {
                feed.play(stack.timekeeper(), stack.raceDirection(), stack.timingUrl(), stack.classificationUrl(), speed, running::get);
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

    private static String option(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
    }
}
