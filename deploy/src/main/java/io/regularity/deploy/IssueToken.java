package io.regularity.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.regularity.testsupport.Tokens;

/**
 * {@code deploy/issue-token}: issues a development token signed with the local stack's key
 * (deploy/target/tokens), e.g. for a timekeeper of one race and one device:
 * {@code deploy/issue-token --role timekeeper --races 1000-miglia-2023 --device tk-17 --subject anna}.
 */
public final class IssueToken {

    private IssueToken() {
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        String role = option(options, "--role", null);
        if (role == null || !(role.equals(Tokens.TIMEKEEPER) || role.equals(Tokens.RACE_DIRECTION))) {
            System.err.println("""
                    usage: deploy/issue-token --role timekeeper|race-direction [--races id,id|*] [--device name]
                                              [--subject name] [--days n] [--link timing-url]
                    Prints a JWT signed with the local stack's development key (deploy/target/tokens); with --link, a
                    timekeeper's ready-to-open link to the timekeeper app (e.g. --link http://localhost:8082).""");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("regularity.root", ".")).toAbsolutePath().normalize();
        Tokens tokens = Tokens.loadOrCreate(root.resolve("deploy/target/tokens"));
        List<String> races = role.equals(Tokens.TIMEKEEPER) ? List.of(option(options, "--races", "*").split(",")) : null;
        String device = role.equals(Tokens.TIMEKEEPER) ? option(options, "--device", "tk-1") : null;
        String token = tokens.issue(option(options, "--subject", role + "-" + (device == null ? "1" : device)), List.of(role),
                races, device, Duration.ofDays(Long.parseLong(option(options, "--days", "7"))));
        String link = option(options, "--link", null);
        System.out.println(link == null ? token : link.replaceAll("/+$", "") + "/timekeeper/#token=" + token);
    }

    private static String option(List<String> options, String name, String fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
    }
}
