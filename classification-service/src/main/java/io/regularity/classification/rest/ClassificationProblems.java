package io.regularity.classification.rest;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.service.NotFound;
import io.regularity.classification.service.ScoringService.AlreadyRevoked;
import io.regularity.classification.service.ScoringService.AlreadyStarted;
import io.regularity.support.FieldError;
import io.regularity.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** classification's own errors as problem+json; every other error is mapped by service-support's ProblemMappers. */
public class ClassificationProblems {

    @ServerExceptionMapper
    public Response invalidList(ListSpec.Invalid e, UriInfo uri) {
        return Problem.response(400, "Invalid request", e.getMessage(), uri.getPath(),
                List.of(new FieldError(e.field, e.getMessage())));
    }

    @ServerExceptionMapper
    public Response alreadyRevoked(AlreadyRevoked e, UriInfo uri) {
        return Problem.response(409, "Already revoked", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response alreadyStarted(AlreadyStarted e, UriInfo uri) {
        return Problem.response(409, "Already started", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), uri.getPath(), null);
    }
}
