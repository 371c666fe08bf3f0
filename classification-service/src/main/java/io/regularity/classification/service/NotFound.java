package io.regularity.classification.service;

/** Something a request names that the race does not have: a crew, a trial. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
