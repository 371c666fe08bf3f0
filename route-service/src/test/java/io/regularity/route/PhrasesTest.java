package io.regularity.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regularity.route.domain.Race;
import io.regularity.route.domain.RaceSheet;
import io.regularity.route.domain.RaceValidator;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.service.RaceService;
import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Sheet;
import io.regularity.testsupport.PhrasesCheck;

/** Every code of route's catalog has its Italian words, and a real refusal says them. */
class PhrasesTest {

    @Test
    void everyCodeHasItsItalianWords() {
        PhrasesCheck.assertItalian(RoutePhrases.class);
    }

    @Test
    void aValidatorsFaultIsSaidInItalian() {
        Race race = new Race("r", " ", 2024, null, null, null, null, List.of(), null, null, null, null);
        List<FieldError> errors = RaceValidator.validate("r", race);
        assertEquals(List.of("must not be blank", "a race needs at least one leg"), errors.stream().map(FieldError::message).toList());
        assertEquals(List.of("non può essere vuoto", "una gara ha bisogno di almeno una tappa"),
                errors.stream().map(e -> e.in(Lang.IT).message()).toList());
        RaceService.InvalidRaceException refusal = new RaceService.InvalidRaceException(errors);
        assertEquals("2 problem(s) in the race definition", refusal.getMessage());
        assertEquals("problemi da correggere: 2 (definizione di gara)", refusal.detail.in(Lang.IT));
        assertEquals("Definizione di gara non valida", refusal.title.text(Lang.IT));
    }

    @Test
    void aSheetsFaultNamesItsRowAndColumnInItalian() {
        String sheet = """
                record,leg,id,name,year,type,start,finish,targetMs,km,startPoint
                race,,r,Coppa,2024,,,,,,
                leg,1,,Leg 1,,,,,,,S
                point,1,S,,,,,,,0,
                point,1,A,,,,,,,1.5,
                trial,1,PC1,,,PC,A,Z,dodici,,
                mystery,,,,,,,,,,
                """;
        List<FieldError> errors = RaceSheet.read("r", Sheet.of(Csv.records(sheet))).errors();
        List<String> italian = errors.stream().map(e -> e.in(Lang.IT).message()).toList();
        assertTrue(italian.contains("riga 6, colonna targetMs: deve essere un numero intero, non \"dodici\""), italian.toString());
        assertTrue(italian.contains("riga 7, colonna record: record sconosciuto \"mystery\": può essere race, scoring, leg, town, point, "
                + "trial, detection o trophy"), italian.toString());
        // a validator's fault, located on the sheet and said in Italian
        assertTrue(italian.contains("riga 6, colonna finish: punto di cronometraggio sconosciuto Z"), italian.toString());
        assertTrue(errors.stream().map(FieldError::message).toList().contains("row 6, column finish: unknown timing point Z"));
    }
}
