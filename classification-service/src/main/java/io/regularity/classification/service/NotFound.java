package io.regularity.classification.service;

import io.regularity.support.Phrase;
import io.regularity.support.Refusal;
import io.regularity.support.SupportPhrases;

/** Something a request names that the race does not have: a crew, a trial. */
public class NotFound extends Refusal {
    public NotFound(Phrase phrase, Object... values) {
        super(404, SupportPhrases.NOT_FOUND, phrase.with(values), null);
    }
}
