package io.regularity.championship.domain;

/** One list of a championship: overall, a category, the ladies', a trophy, or the teams'. */
public record ListSpec(Kind kind, String category, String trophy) {

    public static final ListSpec OVERALL = new ListSpec(Kind.OVERALL, null, null);

    public enum Kind {
        OVERALL, CATEGORY, LADIES, TROPHY, TEAMS
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
