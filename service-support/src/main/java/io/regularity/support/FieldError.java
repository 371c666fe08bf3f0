package io.regularity.support;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One problem in a request: the JSON path (or CSV row and column) of the offending field, and what to fix, said in
 * English; {@link #in(Lang)} says it in the reader's language.
 */
public record FieldError(String field, String message, @JsonIgnore Said said) {

    public FieldError {
        if (said == null) {
            throw new IllegalArgumentException("a field error is said with a phrase");
        }
    }

    public FieldError(String field, Said said) {
        this(field, said.in(Lang.EN), said);
    }

    public FieldError(String field, Phrase phrase, Object... values) {
        this(field, phrase.with(values));
    }

    /** The same error at another path (a row's field within a list, a nested object's field within its parent). */
    public FieldError at(String path) {
        return new FieldError(path, message, said);
    }

    public FieldError in(Lang lang) {
        return new FieldError(field, said.in(lang), said);
    }
}
