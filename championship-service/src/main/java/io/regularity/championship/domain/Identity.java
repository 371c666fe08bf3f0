package io.regularity.championship.domain;

import java.text.Normalizer;
import java.util.Locale;

import io.regularity.championship.domain.RoundResult.Person;

/**
 * Who a person is across rounds: their licence when the entry list gives it, else their name with case, accents and
 * spaces aside. A match by name is for race direction to confirm, never taken silently (the identities list).
 */
public final class Identity {

    private Identity() {
    }

    public static String key(Person person) {
        if (person.licence() != null && !person.licence().isBlank()) {
            return "licence:" + person.licence().trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        }
        return "name:" + name(person.name());
    }

    /** A name as it is compared: no accents, lower case, one space between words. */
    public static String name(String name) {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    /**
     * Who a person is in one round, race direction's word taken: a person matched by name whom race direction split is
     * a person of their own in each round ({@code name:…@race}).
     */
    public static String key(Person person, String race, java.util.Map<String, Championship.Decision> decisions) {
        String key = key(person);
        return decisions != null && decisions.get(key) == Championship.Decision.SPLIT ? key + "@" + race : key;
    }

    public static boolean byLicence(String key) {
        return key.startsWith("licence:");
    }
}
