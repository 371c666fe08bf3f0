package io.regularity.support;

import java.util.Arrays;
import java.util.List;

/** A phrase with its values, said in either language when a reader's language is known; English in a log. */
public record Said(Phrase phrase, List<Object> values) {

    public Said(Phrase phrase, Object... values) {
        this(phrase, values == null ? List.of() : Arrays.asList(values.clone()));
    }

    public Said {
        if (phrase == null) {
            throw new IllegalArgumentException("a phrase is required");
        }
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** The words in {@code lang}: each {@code {n}} replaced by the n-th value (verbatim: no number or date formatting). */
    public String in(Lang lang) {
        String text = phrase.text(lang);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int close = ch == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && text.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(text.substring(i + 1, close));
                out.append(n < values.size() ? value(values.get(n), lang) : "");
                i = close;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static String value(Object value, Lang lang) {
        if (value instanceof Said said) {
            return said.in(lang);
        }
        if (value instanceof Phrase phrase) {
            return phrase.text(lang);
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return in(Lang.EN);
    }
}
