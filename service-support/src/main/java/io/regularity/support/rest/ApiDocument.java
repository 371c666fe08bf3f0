package io.regularity.support.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * What every service's OpenAPI document says the same way (registered with {@code mp.openapi.filter}): the problem
 * body of every error, the error responses an operation can give (400 for a body, path, query or header, 401/403 when it needs a token, 404
 * when its path names something, 412 when it takes {@code If-Match}), and {@code security: []} on the public reads so
 * that a client sees which operations need the bearer token and which do not.
 */
public class ApiDocument implements OASFilter {

    static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        components.addSchema("Problem", problem());
        api.setComponents(components);
        ConfigProvider.getConfig().getOptionalValue("regularity.openapi.server", String.class)
                .ifPresent(url -> api.setServers(List.of(origin(url))));
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                describeErrors(path.getKey(), entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * The service's address ({@code regularity.openapi.server}) as a variable whose default is the one configured (the local stack's): where the service runs
     * is the deployment's to say (behind the Ingress, {@code https://timing.<your domain>}), and a client generated from
     * the document should not be built for localhost.
     */
    private static Server origin(String url) {
        return OASFactory.createServer().url("{origin}").description("the service's public address").addVariable("origin",
                OASFactory.createServerVariable().defaultValue(url)
                        .description("where the service runs: " + url + " locally, behind the Ingress its public https address"));
    }

    private static void describeErrors(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        // a body, a path, a query or a header to get wrong (RequestGuard refuses a race id outside its rule, a NUL or a
        // line break in any path or query value; a well-formed path that names nothing is a 404, below)
        boolean input = operation.getRequestBody() != null || path.contains("{")
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (input) {
            error(responses, "400", "The input is malformed or impossible (a body, a race id outside its rule, a control character in a "
                    + "path or query value): `errors` names each field and what to fix");
        }
        if (operation.getRequestBody() != null) {
            error(responses, "413", "The body is larger than this service accepts: `detail` says the limit");
            error(responses, "415", "The `Content-Type` is not one this operation reads");
        }
        if (secured) {
            error(responses, "401", "No bearer token, or one that is expired or not signed by the race's issuer");
            error(responses, "403", "The token's role, races or device do not allow this");
        } else {
            operation.setSecurity(new ArrayList<>()); // public: `security: []`, said explicitly
        }
        if (path.contains("{")) {
            error(responses, "404", "No such race, or nothing of that id in it");
        }
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()))) {
            error(responses, "412", "`If-Match` names a revision that is no longer the current one: read it again");
        }
        if (responses.getAPIResponses().keySet().stream().noneMatch(code -> code.startsWith("4"))) {
            error(responses, "406", "The `Accept` header asks for a media type this operation does not give");
        }
    }

    private static void error(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code) && responses.getAPIResponse(code).getContent() != null) {
            return; // described by the operation itself
        }
        // new, or added by Quarkus without a body ("Bad Request", "Not Authorized"): said as this system says it
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problem() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("where: a field path such as `legs[0].trials[2].finish`, or `row 3.coefficient`"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("what to fix"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: what went wrong and, field by field, what to fix. Never a stack trace.")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", text).addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("title", "status"))
                .addExample(example());
    }

    /** An example in a fixed order (Map.of's order changes from one run to the next, and the document is committed). */
    private static Map<String, Object> example() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "car");
        error.put("message", "car must be a positive number");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", "car must be a positive number");
        problem.put("instance", "/api/races/1000-miglia-2023/passages");
        problem.put("errors", List.of(error));
        return problem;
    }
}
