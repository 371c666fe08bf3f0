package io.regularity.route.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.regularity.route.service.DeviceService;
import io.regularity.route.service.RaceService;
import io.regularity.route.service.RaceService.InvalidRaceException;
import io.regularity.route.service.RaceService.StaleRevisionException;
import io.regularity.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** route's own errors as problem+json; every other error is mapped by service-support's ProblemMappers. */
public class RaceProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidRaceException e, UriInfo uri) {
        return Problem.response(400, "Invalid race definition",
                e.errors.size() + " problem(s) in the race definition", uri.getPath(), e.errors);
    }

    @ServerExceptionMapper
    public Response tooLarge(RaceService.DefinitionTooLargeException e, UriInfo uri) {
        return Problem.response(413, "Definition too large", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response notPublishable(RaceService.NotPublishableException e, UriInfo uri) {
        return Problem.response(409, "Not publishable yet", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response deviceTaken(DeviceService.DeviceTaken e, UriInfo uri) {
        return Problem.response(409, "Device taken", e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response stale(StaleRevisionException e, UriInfo uri) {
        return Problem.response(412, "Stale revision", e.getMessage() + "; reload and apply your change again",
                uri.getPath(), null);
    }
}
