package io.regularity.championship;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.regularity.championship.domain.Championship;
import io.regularity.championship.domain.Championship.Round;
import io.regularity.championship.domain.ChampionshipPhrases;
import io.regularity.championship.domain.ChampionshipValidator;
import io.regularity.championship.domain.ListSpec;
import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.testsupport.PhrasesCheck;

/** A championship's definition refused field by field, each saying what to fix (issue 36's "bad input"). */
class ChampionshipValidatorTest {

    static final Set<String> RACES = Set.of("1000-miglia-2023", "gaburri-2023", "coppa-autunno");

    static Championship good() {
        return new Championship("tricolore-2023", "Campionato italiano", 2023,
                List.of(new Round("1000-miglia-2023", null), new Round("gaburri-2023", new BigDecimal("1.5")), new Round("coppa-autunno", BigDecimal.valueOf(3))),
                List.of(ListSpec.OVERALL, new ListSpec(ListSpec.Kind.CATEGORY, "1927-1929", null), new ListSpec(ListSpec.Kind.TEAMS, null, null)),
                Championship.Scores.BOTH, Championship.NATIONAL, Championship.TEAMS, 2, 2, new BigDecimal("0.5"), 3, true);
    }

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aGoodDefinitionHasNoFault() {
        assertEquals(List.of(), ChampionshipValidator.check(good(), "tricolore-2023", RACES::contains));
    }

    @Test
    void aRoundThatIsNotARaceANegativeTableACountBestAboveTheRoundsAndATeamOfOneCarAreEachNamed() {
        Championship g = good();
        Championship bad = new Championship(g.id(), g.name(), g.season(),
                List.of(new Round("1000-miglia-2023", null), new Round("coppa-inventata", null), new Round("1000-miglia-2023", BigDecimal.ZERO)),
                g.lists(), g.scores(), List.of(40, 35, -2), g.teamPointsTable(), 4, g.minRounds(), g.minValidShare(), 1, true);
        List<FieldError> errors = ChampionshipValidator.check(bad, "tricolore-2023", RACES::contains);
        assertEquals(List.of("rounds[1].race", "rounds[2].race", "rounds[2].weight", "pointsTable[2]", "countBest", "teamCars"), fields(errors));
        assertEquals("coppa-inventata is not a race of this system (GET /api/races lists them)", errors.get(0).message());
        assertEquals("race 1000-miglia-2023 is a round already (round 1)", errors.get(1).message());
        assertEquals("deve essere tra 1 e il numero di prove del calendario (3)", errors.get(4).in(Lang.IT).message());
        assertEquals("una scuderia conta da 2 a 10 vetture", errors.get(5).in(Lang.IT).message());
    }

    @Test
    void theIdTheNameTheSeasonTheListsTheShareAndATableGoingUpAreChecked() {
        Championship bad = new Championship("Campionato 2023!", " ", 1800, List.of(), List.of(new ListSpec(ListSpec.Kind.CATEGORY, null, null),
                ListSpec.OVERALL, ListSpec.OVERALL), null, List.of(10, 20), List.of(), null, 5, new BigDecimal("1.5"), null, null);
        assertEquals(List.of("id", "name", "season", "rounds", "lists[0].category", "lists[2]", "pointsTable[1]", "teamPointsTable", "minRounds",
                "minValidShare"), fields(ChampionshipValidator.check(bad, null, null)));
        assertEquals(List.of("id"), fields(ChampionshipValidator.check(good(), "another", RACES::contains)));
    }

    @Test
    void everyCodeHasItsItalianWords() {
        PhrasesCheck.assertItalian(ChampionshipPhrases.class);
    }
}
