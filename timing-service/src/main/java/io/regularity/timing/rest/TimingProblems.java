package io.regularity.timing.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.regularity.support.rest.Problem;
import io.regularity.timing.service.PassageService.UnknownRaceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** timing's own errors as problem+json; every other error is mapped by service-support's ProblemMappers. */
public class TimingProblems {

    @ServerExceptionMapper
    public Response unknownRace(UnknownRaceException e, UriInfo uri) {
        return Problem.response(404, "Unknown race", e.getMessage(), uri.getPath(), null);
    }
}
