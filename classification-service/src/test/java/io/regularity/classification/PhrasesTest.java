package io.regularity.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.rest.pdf.PaperWords;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.rest.CrewCsv;
import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.testsupport.PhrasesCheck;

/** Classification's words in Italian: every code of its catalog, and its refusals as a reader in Italy gets them. */
class PhrasesTest {

    @Test
    void everyCodeHasItsItalianWords() {
        PhrasesCheck.assertItalian(ClassificationPhrases.class);
        PhrasesCheck.assertItalian(PaperWords.class);
    }

    @Test
    void anEntryListsRowErrorsAreSaidInItalianWithTheirRowAndColumn() {
        CrewCsv.Parsed parsed = CrewCsv.parse("car;driver;coefficient\nx;Anna Rossi;1,2\n7;Zoë Müller;4\n7;Zoë Müller;abc\n");
        assertEquals(List.of("row 2: car must be a whole number", "row 3: coefficient must be between 1.00 and 3.00",
                "row 4: coefficient must be a number such as 1.45"), parsed.errors().stream().map(FieldError::message).toList());
        assertEquals(List.of("riga 2, colonna car: deve essere un numero intero", "riga 3, colonna coefficient: deve essere tra 1.00 e 3.00",
                "riga 4, colonna coefficient: deve essere un numero come 1,45"),
                parsed.errors().stream().map(e -> e.in(Lang.IT).message()).toList());
        assertEquals(List.of("row 2.car", "row 3.coefficient", "row 4.coefficient"), parsed.errors().stream().map(FieldError::field).toList());
        assertEquals("riga 1: nell'intestazione manca la colonna driver",
                CrewCsv.parse("car;coefficient\n1;1.5\n").errors().get(0).in(Lang.IT).message());
    }

    @Test
    void anUnknownListIsRefusedInItalian() {
        ListSpec.Invalid refused = assertThrows(ListSpec.Invalid.class, () -> ListSpec.of("best", null, false, null, null));
        assertEquals(400, refused.status);
        assertEquals("list must be overall, leg, ladies, category, trophy or teams", refused.getMessage());
        assertEquals("Richiesta non valida", refused.title.text(Lang.IT));
        assertEquals("\"list\" deve essere overall, leg, ladies, category, trophy o teams", refused.detail.in(Lang.IT));
        assertEquals("list", refused.errors.get(0).field());
    }
}
