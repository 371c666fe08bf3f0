package io.regularity.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.regularity.testsupport.Tokens;

/**
 * {@code deploy/issue-token}: issues a development token signed with the local stack's key
 * (deploy/target/tokens), e.g. for a timekeeper of one race and one device:
 * {@code deploy/issue-token --role timekeeper --races 1000-miglia-2023 --device tk-17 --subject anna}, or for a crew's phone,
 * which sends only its car's fixes in its race: {@code deploy/issue-token --role crew --races 1000-miglia-2023 --car 48}.
 */
public final class IssueToken {

    private IssueToken() {
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        String role = option(options, "--role", null);
        if (role == null || !(role.equals(Tokens.TIMEKEEPER) || role.equals(Tokens.RACE_DIRECTION) || role.equals(Tokens.CREW))) {
            usage();
        }
        Path root = Path.of(System.getProperty("regularity.root", ".")).toAbsolutePath().normalize();
        Tokens tokens = Tokens.loadOrCreate(root.resolve("deploy/target/tokens"));
        if (role.equals(Tokens.CREW)) {
            System.out.println(crew(tokens, options));
            return;
        }
        List<String> races = role.equals(Tokens.TIMEKEEPER) ? List.of(option(options, "--races", "*").split(",")) : null;
        String device = role.equals(Tokens.TIMEKEEPER) ? option(options, "--device", "tk-1") : null;
        String token = tokens.issue(option(options, "--subject", role + "-" + (device == null ? "1" : device)), List.of(role),
                races, device, Duration.ofDays(Long.parseLong(option(options, "--days", "7"))));
        String link = option(options, "--link", null);
        System.out.println(link == null ? token : link.replaceAll("/+$", "") + "/timekeeper/#token=" + token);
    }

    private static void usage() {
        System.err.println("""
                usage: deploy/issue-token --role timekeeper|race-direction [--races id,id|*] [--device name]
                                          [--subject name] [--days n] [--link timing-url]
                       deploy/issue-token --role crew --races id --car n [--device name] [--days n] [--link timing-url]
                Prints a JWT signed with the local stack's development key (deploy/target/tokens); with --link, a
                timekeeper's ready-to-open link to the timekeeper app, or a crew's to the crew app (e.g. --link
                http://localhost:8082). A crew token is for one race and one car (1 to 9999): it sends only that car's fixes.""");
        System.exit(2);
    }

    /** A crew's token (group crew, its race and car, device crew-<car> unless named), or its link to the crew app. */
    static String crew(Tokens tokens, List<String> options) {
        String race = option(options, "--races", null);
        int car;
        try {
            car = Integer.parseInt(option(options, "--car", ""));
        } catch (NumberFormatException e) {
            car = 0;
        }
        if (race == null || race.contains(",") || race.equals("*") || car < 1 || car > 9999) {
            usage();
        }
        String device = option(options, "--device", "crew-" + car);
        String token = tokens.crew(device, race, car, Duration.ofDays(Long.parseLong(option(options, "--days", "7"))));
        String link = option(options, "--link", null);
        return link == null ? token : link.replaceAll("/+$", "") + "/crew/#token=" + token + "&race=" + race + "&car=" + car + "&device=" + device;
    }

    private static String option(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
    }
}
