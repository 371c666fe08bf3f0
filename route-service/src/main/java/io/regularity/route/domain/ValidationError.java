package io.regularity.route.domain;

/** One problem in a request body: the JSON path of the offending field and what to fix. */
public record ValidationError(String field, String message) {
}
