package io.regularity.classification.service;

import io.regularity.support.Refusal;

/** Something a request names that the race does not have: a crew, a trial. */
public class NotFound extends Refusal {
    public NotFound(String message) {
        super(404, "Not Found", message, null);
    }
}
