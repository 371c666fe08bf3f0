package io.regularity.championship.domain;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One list of a championship: overall, a category, the ladies', a trophy, or the teams'. */
public record ListSpec(Kind kind, String category, String trophy) {

    public static final ListSpec OVERALL = new ListSpec(Kind.OVERALL, null, null);

    public enum Kind {
        OVERALL, CATEGORY, LADIES, TROPHY, TEAMS;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind of(String value) {
            return value == null ? null : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The round's list this one reads positions from: {@code overall}, {@code category:A}, {@code ladies},
     * {@code trophy:Coppa}; the teams' list reads the overall positions.
     */
    public String roundList() {
        return switch (kind) {
            case OVERALL, TEAMS -> "overall";
            case CATEGORY -> "category:" + category;
            case LADIES -> "ladies";
            case TROPHY -> "trophy:" + trophy;
        };
    }
}
