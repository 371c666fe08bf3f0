package io.regularity.classification.domain;

/** One problem in a request body: the offending field and what to fix. */
public record FieldError(String field, String message) {
}
