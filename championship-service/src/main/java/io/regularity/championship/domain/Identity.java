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

    public static boolean byLicence(String key) {
        return key.startsWith("licence:");
    }
}
