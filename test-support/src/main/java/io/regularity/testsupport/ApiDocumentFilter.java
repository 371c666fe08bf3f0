package io.regularity.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every call a test makes, held against the service's committed API document ({@code openapi/<service>.yaml}): a
 * response that the document does not describe (a field of another type, a {@code null} it does not allow, a status
 * or a media type it does not list) fails the test that received it. A request the service accepted (below 400) must
 * be one the document allows as well; a request it refused is the test's point, so only the refusal is checked.
 * Paths the document does not hold (pages, {@code /q/*}) are left alone: the document is the service's API.
 */
public final class ApiDocumentFilter implements OrderedFilter {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String service;
    private final OpenApiInteractionValidator validator;
    private final OpenApiInteractionValidator asAClientReads;

    private ApiDocumentFilter(String service, OpenApiInteractionValidator validator, OpenApiInteractionValidator asAClientReads) {
        this.service = service;
        this.validator = validator;
        this.asAClientReads = asAClientReads;
    }

    /** The filter for one service's committed document (seen from the service's module, where its tests run). */
    public static ApiDocumentFilter of(String service) {
        Path document = ApiDocumentCheck.committed(service);
        try {
            String yaml = Files.readString(document);
            return new ApiDocumentFilter(service, validator(yaml), asAClientReads(yaml));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + document, e);
        }
    }

    /**
     * The validator for a document (OpenAPI 3.1, as the services write it), with this project's levels: a request or a
     * response field the document does not name is an error (the services refuse a request's unknown fields, issue 34).
     */
    public static OpenApiInteractionValidator validator(String yaml) throws IOException {
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(yaml))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /**
     * The document as a client reads it (a validating proxy such as Prism, a generated client): a schema that does not
     * say {@code additionalProperties: false} takes other fields, so each {@code oneOf} must match exactly one of its
     * schemas by what they require and allow. {@link #validator} reads every object schema as closed (it reports a
     * response field the document does not name), and so a {@code oneOf} of two open schemas it never finds ambiguous:
     * the committed documents once were, on every import's answer (issue 34). A call is held against both.
     */
    public static OpenApiInteractionValidator asAClientReads(String yaml) throws IOException {
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(yaml))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    public String service() {
        return service;
    }

    /**
     * The committed document (OpenAPI 3.1, as the services write it) in the OpenAPI 3.0 the validator reads: the only
     * 3.1 forms the documents use are a type list with {@code "null"} (3.0's {@code nullable: true}) and a schema's
     * {@code examples} list (3.0's single {@code example}). Anything else is passed as it is, and the validator's own
     * parse messages fail the first test if a document ever uses more.
     */
    static String asOpenApi30(String yaml) throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(yaml);
        root.put("openapi", "3.0.3");
        downgrade(root);
        return YAML.writeValueAsString(root);
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(t -> named.add(t.asText()));
                boolean nullable = named.remove("null");
                if (named.size() != 1) {
                    throw new IllegalStateException("a type list OpenAPI 3.0 cannot say: " + types);
                }
                object.put("type", named.get(0));
                if (nullable) {
                    object.put("nullable", true);
                }
            }
            JsonNode examples = object.get("examples");
            if (examples instanceof ArrayNode list && object.has("type") && !list.isEmpty()) {
                object.remove("examples");
                object.set("example", list.get(0));
            }
            object.forEach(ApiDocumentFilter::downgrade);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ApiDocumentFilter::downgrade);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        Request asked = RestAssuredRequest.of(request);
        com.atlassian.oai.validator.model.Response answered = RestAssuredResponse.of(response);
        ValidationReport report = check(validator, asked, answered, response.statusCode())
                .merge(check(asAClientReads, asked, answered, response.statusCode()));
        List<String> wrong = report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                // a batch answers each item on its own (INVALID, with its errors, in its place): an item a test gets
                // wrong on purpose is the batch's point, as a refused request is a single post's
                .filter(m -> !(asked.getPath().endsWith("/batch") && m.getKey().startsWith("validation.request.body.schema")))
                .map(m -> "  " + m.getKey() + ": " + m.getMessage()).distinct().toList();
        if (!wrong.isEmpty() && Boolean.getBoolean("openapi.report")) {
            // -Dopenapi.report=true: every mismatch of a run in the log at once (the first one fails the test otherwise)
            System.err.println("API document mismatch: " + request.getMethod() + " " + asked.getPath() + " → "
                    + response.statusCode() + "\n" + String.join("\n", wrong));
        } else if (!wrong.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + asked.getPath() + " → " + response.statusCode()
                    + " is not what openapi/" + service + ".yaml says:\n" + String.join("\n", wrong));
        }
        return response;
    }

    /** A call the service accepted must be one the document allows; of one it refused, only the refusal is checked. */
    private static ValidationReport check(OpenApiInteractionValidator validator, Request asked, com.atlassian.oai.validator.model.Response answered,
            int status) {
        return status < 400 ? validator.validate(asked, answered)
                : validator.validateResponse(asked.getPath(), asked.getMethod(), answered);
    }

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE; // next to the wire: what the service really sent
    }
}
