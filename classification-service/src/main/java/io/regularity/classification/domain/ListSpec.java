package io.regularity.classification.domain;

import java.util.List;
import java.util.Locale;

import io.regularity.support.FieldError;
import io.regularity.support.Phrase;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;

/**
 * Which standings list: the kind and only the parameters that kind uses, so two requests for the same
 * list are equal whatever else they carry (a {@code category} on the overall list means nothing).
 */
public record ListSpec(Kind kind, Integer leg, boolean cumulative, String category, String trophy) {

    public enum Kind { OVERALL, LEG, LADIES, CATEGORY, TROPHY, TEAMS }

    /** A request's parameters as a list: an unknown kind or a missing category is {@link Invalid}. */
    public static ListSpec of(String list, Integer leg, boolean cumulative, String category, String trophy) {
        Kind kind;
        try {
            kind = Kind.valueOf(list == null ? "" : list.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("list", ClassificationPhrases.LIST_KIND);
        }
        return switch (kind) {
            case OVERALL, LADIES, TEAMS -> new ListSpec(kind, null, false, null, null);
            case LEG -> new ListSpec(kind, leg, cumulative, null, null); // whether the race has that leg: see Standings
            case CATEGORY -> {
                if (category == null || category.isBlank()) {
                    throw new Invalid("category", ClassificationPhrases.CATEGORY_NEEDED);
                }
                yield new ListSpec(kind, null, false, category, null);
            }
            case TROPHY -> new ListSpec(kind, null, false, null, trophy);
        };
    }

    /** The list's name in the API: overall, leg, ladies, category, trophy, teams. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** A list the request cannot have (an unknown kind, a missing category, a leg or trophy the race lacks): which parameter, and what to send instead. */
    public static class Invalid extends Refusal {
        public Invalid(String field, Phrase phrase, Object... values) {
            this(field, phrase.with(values));
        }

        private Invalid(String field, Said said) {
            super(400, SupportPhrases.INVALID_REQUEST, said, List.of(new FieldError(field, said)));
        }
    }
}
