package io.regularity.championship.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.regularity.support.FieldError;
import io.regularity.support.RaceId;
import io.regularity.support.SupportPhrases;

/** Everything wrong with a championship's definition at once, field by field; nothing when it can be kept. */
public final class ChampionshipValidator {

    private static final BigDecimal TEN = BigDecimal.TEN;

    private ChampionshipValidator() {
    }

    /**
     * The faults of {@code c} as {@code PUT /api/championships/{pathId}} would take it; {@code isRace} says whether a
     * round names a race of the system (null: not checked).
     */
    public static List<FieldError> check(Championship c, String pathId, Predicate<String> isRace) {
        List<FieldError> errors = new ArrayList<>();
        if (c.id() == null || !RaceId.valid(c.id())) {
            errors.add(new FieldError("id", ChampionshipPhrases.ID_RULE));
        } else if (pathId != null && !pathId.equals(c.id())) {
            errors.add(new FieldError("id", ChampionshipPhrases.MUST_EQUAL_PATH_ID, pathId));
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            errors.add(new FieldError("name", ChampionshipPhrases.NAME_REQUIRED));
        }
        if (c.season() == null || c.season() < 1900 || c.season() > 2200) {
            errors.add(new FieldError("season", ChampionshipPhrases.SEASON_RANGE));
        }
        int rounds = c.rounds() == null ? 0 : c.rounds().size();
        if (rounds == 0) {
            errors.add(new FieldError("rounds", ChampionshipPhrases.ROUNDS_REQUIRED));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rounds; i++) {
            Championship.Round round = c.rounds().get(i);
            String at = "rounds[" + i + "]";
            if (round == null || round.race() == null || !RaceId.valid(round.race())) {
                errors.add(new FieldError(at + ".race", RaceId.RULE));
                continue;
            }
            Integer before = seen.putIfAbsent(round.race(), i + 1);
            if (before != null) {
                errors.add(new FieldError(at + ".race", ChampionshipPhrases.ROUND_TWICE, round.race(), before));
            } else if (isRace != null && !isRace.test(round.race())) {
                errors.add(new FieldError(at + ".race", ChampionshipPhrases.ROUND_NOT_A_RACE, round.race()));
            }
            if (round.weight() != null && (round.weight().signum() <= 0 || round.weight().compareTo(TEN) > 0)) {
                errors.add(new FieldError(at + ".weight", ChampionshipPhrases.WEIGHT_RANGE));
            }
        }
        Set<ListSpec> lists = new HashSet<>();
        for (int i = 0; c.lists() != null && i < c.lists().size(); i++) {
            ListSpec list = c.lists().get(i);
            String at = "lists[" + i + "]";
            if (list == null || list.kind() == null) {
                errors.add(new FieldError(at + ".kind", ChampionshipPhrases.KIND_REQUIRED));
            } else if (list.kind() == ListSpec.Kind.CATEGORY && blank(list.category())) {
                errors.add(new FieldError(at + ".category", ChampionshipPhrases.LIST_NEEDS_CATEGORY));
            } else if (list.kind() == ListSpec.Kind.TROPHY && blank(list.trophy())) {
                errors.add(new FieldError(at + ".trophy", ChampionshipPhrases.LIST_NEEDS_TROPHY));
            } else if (!lists.add(list)) {
                errors.add(new FieldError(at, ChampionshipPhrases.LIST_TWICE));
            }
        }
        table("pointsTable", c.pointsTable(), errors);
        table("teamPointsTable", c.teamPointsTable(), errors);
        if (c.countBest() != null && (c.countBest() < 1 || c.countBest() > Math.max(1, rounds))) {
            errors.add(new FieldError("countBest", ChampionshipPhrases.COUNT_BEST_RANGE, rounds));
        }
        if (c.minRounds() != null && (c.minRounds() < 0 || c.minRounds() > rounds)) {
            errors.add(new FieldError("minRounds", ChampionshipPhrases.MIN_ROUNDS_RANGE, rounds));
        }
        if (c.minValidShare() != null && (c.minValidShare().signum() < 0 || c.minValidShare().compareTo(BigDecimal.ONE) > 0)) {
            errors.add(new FieldError("minValidShare", ChampionshipPhrases.SHARE_RANGE));
        }
        if (c.teamCars() != null && (c.teamCars() < 2 || c.teamCars() > 10)) {
            errors.add(new FieldError("teamCars", ChampionshipPhrases.TEAM_CARS_RANGE));
        }
        return errors;
    }

    private static void table(String field, List<Integer> table, List<FieldError> errors) {
        if (table == null) {
            return; // the default table
        }
        if (table.isEmpty()) {
            errors.add(new FieldError(field, ChampionshipPhrases.TABLE_REQUIRED));
        }
        for (int i = 0; i < table.size(); i++) {
            Integer value = table.get(i);
            if (value == null) {
                errors.add(new FieldError(field + "[" + i + "]", SupportPhrases.IS_REQUIRED));
            } else if (value < 0 || value > 1000) {
                errors.add(new FieldError(field + "[" + i + "]", ChampionshipPhrases.TABLE_VALUE_RANGE));
            } else if (i > 0 && table.get(i - 1) != null && value > table.get(i - 1)) {
                errors.add(new FieldError(field + "[" + i + "]", ChampionshipPhrases.TABLE_INCREASES, table.get(i - 1)));
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
