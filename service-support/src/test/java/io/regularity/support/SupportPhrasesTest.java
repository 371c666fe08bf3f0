package io.regularity.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.regularity.testsupport.PhrasesCheck;

class SupportPhrasesTest {

    @Test
    void everyCodeHasItsItalianWords() {
        PhrasesCheck.assertItalian(SupportPhrases.class);
    }

    @Test
    void aPhraseIsSaidInTheReadersLanguageWithItsValuesAndItsInnerPhrases() {
        Said said = SupportPhrases.QUERY_WRONG.with(SupportPhrases.CONTROL_CHARACTER.with("0000"));
        assertEquals("the query parameter holds a control character (U+0000)", said.in(Lang.EN));
        assertEquals("il parametro contiene un carattere di controllo (U+0000)", said.in(Lang.IT));
        assertEquals("problemi da correggere: 2 (x)", SupportPhrases.PROBLEMS_IN.with(2, "x").in(Lang.IT));
    }

    @Test
    void theLanguageIsTheQueryFirstThenTheFirstKnownOfAcceptLanguage() {
        assertEquals(Lang.IT, Lang.of("it", "en"));
        assertEquals(Lang.EN, Lang.of("en", "it-IT"));
        assertEquals(Lang.IT, Lang.of(null, "de-DE, it;q=0.8, en;q=0.5"));
        assertEquals(Lang.EN, Lang.of(null, "fr"));
        assertEquals(Lang.IT, Lang.of(null, "en;q=0.1, it"), "the highest quality, not the first");
        assertEquals(Lang.IT, Lang.of(null, "it;q=0.5, en;q=0.5, de"), "the first of equals");
    }
}
