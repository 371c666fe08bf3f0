package io.regularity.support;

/** One problem in a request: the JSON path (or CSV row and column) of the offending field, and what to fix. */
public record FieldError(String field, String message) {
}
