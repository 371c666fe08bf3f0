package io.regularity.championship.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regularity.championship.domain.RoundResult.Crew;
import io.regularity.championship.domain.RoundResult.Person;

/**
 * The people of a championship as its rounds name them, and how each is known across rounds: by licence, or by name
 * (case, accents and spaces aside). A person matched by name in more than one round is for race direction to confirm
 * or split; never merged silently.
 */
public final class Identities {

    public enum Role {
        DRIVER, CODRIVER
    }

    /** Where a person appears: the round, the car, as driver or co-driver, the name and licence written there. */
    public record Appearance(String race, int car, Role role, String name, String licence) {
    }

    /** A person: the key the lists use, how they were matched, where they appear, and race direction's word if any. */
    public record Known(String key, boolean byLicence, List<Appearance> appearances, Championship.Decision decision) {

        /**
         * A match by name that race direction has not yet confirmed or split: over more than one round, or more than
         * once in one round (two people of the same name).
         */
        public boolean toConfirm() {
            return !byLicence && decision == null && appearances.size() > 1;
        }
    }

    private Identities() {
    }

    /** Everyone who scores in the championship (its {@code scores}), in the rounds that arrived, in round order. */
    public static List<Known> of(Championship championship, Map<String, RoundResult> results) {
        Championship c = championship.withDefaults();
        Map<String, List<Appearance>> people = new LinkedHashMap<>();
        for (Championship.Round round : c.rounds()) {
            RoundResult result = results.get(round.race());
            if (result == null) {
                continue;
            }
            for (Crew crew : result.crews()) {
                for (Person person : c.scorers(crew)) {
                    Role role = person == crew.driver() ? Role.DRIVER : Role.CODRIVER;
                    add(people, person, new Appearance(round.race(), crew.car(), role, person.name(), person.licence()));
                }
            }
        }
        List<Known> known = new ArrayList<>();
        people.forEach((key, appearances) -> known.add(new Known(key, Identity.byLicence(key), List.copyOf(appearances), c.identities().get(key))));
        return known;
    }

    private static void add(Map<String, List<Appearance>> people, Person person, Appearance appearance) {
        people.computeIfAbsent(Identity.key(person), k -> new ArrayList<>()).add(appearance);
    }
}
