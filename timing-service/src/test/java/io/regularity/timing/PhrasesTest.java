package io.regularity.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.testsupport.PhrasesCheck;
import io.regularity.timing.domain.PassageParser;
import io.regularity.timing.domain.TimingPhrases;

/** Timing's words: every code has its Italian ones, and a refused passage is said in either language. */
class PhrasesTest {

    private static final Instant NOW = Instant.parse("2024-06-15T10:00:00Z");

    @Test
    void everyCodeHasItsItalianWords() {
        PhrasesCheck.assertItalian(TimingPhrases.class);
    }

    @Test
    void aRefusedPassageIsSaidInEnglishAsBeforeAndInItalian() throws Exception {
        var parsed = PassageParser.parse(new ObjectMapper().readTree("""
                {"id": "5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11", "car": 0, "point": "L1-P02", "time": "1999-12-31T23:00:00Z",
                 "device": "tk\\u0001", "source": "HOSE", "precisionMs": 70000}"""), NOW);

        assertEquals(List.of("car", "device", "time", "precisionMs"), parsed.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of("must be between 1 and 9999",
                "must not contain control characters: the text holds a control character (U+0001)",
                "is before 2000-01-01T00:00:00Z: check the device's clock",
                "must be between 0 and 60000 ms"), parsed.errors().stream().map(FieldError::message).toList());
        assertEquals(List.of("deve essere tra 1 e 9999",
                "non può contenere caratteri di controllo: il testo contiene un carattere di controllo (U+0001)",
                "è precedente a 2000-01-01T00:00:00Z: controllate l'orologio del dispositivo",
                "deve essere tra 0 e 60000 ms"), parsed.errors().stream().map(e -> e.in(Lang.IT).message()).toList());
    }

    @Test
    void aMissingFieldAndAnUnknownOneAreSaidInItalian() throws Exception {
        var parsed = PassageParser.parse(new ObjectMapper().readTree("""
                {"id": "5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11", "point": "L1-P02", "time": "2024-06-15T09:12:33.470Z",
                 "device": "tk-17", "source": "HOSE", "colour": "red"}"""), NOW);

        assertEquals("campo sconosciuto; un passaggio accetta car, clockOffsetMs, clockUncertaintyMs, device, id, point, precisionMs, "
                + "source, time", parsed.errors().get(0).in(Lang.IT).message());
        assertEquals("car", parsed.errors().get(1).field());
        assertEquals("is required", parsed.errors().get(1).message());
        assertEquals("è obbligatorio", parsed.errors().get(1).in(Lang.IT).message());
    }

    @Test
    void aNestedPhraseIsSaidInTheSameLanguage() {
        var said = TimingPhrases.NEEDS_NEW_ID.with(TimingPhrases.STORED_WITH_OTHER_CONTENT.with("5d0a3c9e"));
        assertEquals("passage 5d0a3c9e is already stored with other content; a new crossing needs a new id", said.in(Lang.EN));
        assertEquals("il passaggio 5d0a3c9e è già registrato con un contenuto diverso; un nuovo passaggio richiede un nuovo id",
                said.in(Lang.IT));
    }
}
