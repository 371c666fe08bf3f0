package io.regularity.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a catalog of phrases (an enum whose constants have {@code english()} and {@code italian()}): every code has
 * Italian words, not the English ones, with the same numbered places, and none of the English words an Italian reader
 * must never meet. A new code without its Italian words fails the catalog's test.
 */
public final class PhrasesCheck {

    /** English words that have no business in an Italian sentence (codes, fields and units aside). */
    public static final Set<String> ENGLISH = Set.of("the", "must", "is", "are", "of", "and", "with", "not", "for", "this", "that", "from",
            "has", "have", "which", "only", "say", "said", "later", "duplicate", "no", "between", "before", "after", "there", "should",
            "cannot", "does", "be", "by", "it", "its", "on", "an", "at", "one", "two", "each", "every", "any", "when", "where", "than");

    private static final Pattern PLACE = Pattern.compile("\\{(\\d+)}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private PhrasesCheck() {
    }

    public static void assertItalian(Class<? extends Enum<?>> catalog) {
        List<String> problems = new ArrayList<>();
        for (Enum<?> phrase : catalog.getEnumConstants()) {
            String english = text(phrase, "english");
            String italian = text(phrase, "italian");
            String code = catalog.getSimpleName() + "." + phrase.name();
            if (italian == null || italian.isBlank()) {
                problems.add(code + " has no Italian words");
                continue;
            }
            if (italian.equals(english) && WORD.matcher(english).find()) {
                problems.add(code + " says the English words in Italian: " + italian);
            }
            if (!places(english).equals(places(italian))) {
                problems.add(code + " has places " + places(english) + " in English but " + places(italian) + " in Italian");
            }
            for (String word : words(italian)) {
                if (ENGLISH.contains(word.toLowerCase(Locale.ROOT)) && !word.equals(word.toUpperCase(Locale.ROOT))) {
                    problems.add(code + " has the English word '" + word + "' in Italian: " + italian);
                }
            }
        }
        assertTrue(catalog.getEnumConstants().length > 0, catalog + " has no phrase");
        assertEquals(List.of(), problems, catalog.getSimpleName() + ": every code has its Italian words");
    }

    /** The words of a text outside quotes and code (what is within '…', "…" or `…` is a value, not a word). */
    static List<String> words(String text) {
        String prose = text.replaceAll("'[^' ]*'|\"[^\"]*\"|`[^`]*`|\\{\\d+}|[A-Za-z]+[A-Z][A-Za-z]*|[A-Za-z]+[._-][A-Za-z._-]+", " ");
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(prose);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static Set<String> places(String text) {
        Set<String> places = new TreeSet<>();
        Matcher m = PLACE.matcher(text == null ? "" : text);
        while (m.find()) {
            places.add(m.group(1));
        }
        return places;
    }

    private static String text(Enum<?> phrase, String method) {
        try {
            return (String) phrase.getClass().getMethod(method).invoke(phrase);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(phrase.getDeclaringClass() + " is not a catalog of phrases: no " + method + "()", e);
        }
    }
}
