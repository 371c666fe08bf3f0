package io.regularity.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * A service's OpenAPI document as a client developer meets it: valid OpenAPI (swagger-parser), clean under the rules
 * of Redocly's "recommended" set that a client trips on (written out below, so CI needs nothing but Maven), and
 * equal to the one committed in {@code openapi/<service>.yaml}. When the API changes, the test writes the new document
 * to {@code target/openapi/} and says how to commit it ({@code -Dopenapi.update=true} writes it in place).
 */
public final class ApiDocumentCheck {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    private ApiDocumentCheck() {
    }

    /** What is wrong with the document, one line per problem; empty when it is clean. */
    public static List<String> problems(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
        List<String> problems = new ArrayList<>();
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(m -> problems.add("invalid OpenAPI: " + m));
        }
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            problems.add("not an OpenAPI document");
            return problems;
        }
        if (api.getInfo() == null || api.getInfo().getLicense() == null || api.getInfo().getLicense().getUrl() == null) {
            problems.add("info-license: info.license with a url is missing");
        }
        if (api.getInfo() == null || blank(api.getInfo().getDescription())) {
            problems.add("info: a description is missing");
        }
        // swagger-parser stands in a server "/" for a document without one
        if (api.getServers() == null || api.getServers().isEmpty() || !yaml.contains("\nservers:")) {
            problems.add("no-empty-servers: servers is empty");
        } else {
            api.getServers().forEach(s -> {
                if (s.getUrl().endsWith("/")) {
                    problems.add("no-server-trailing-slash: " + s.getUrl());
                }
                if (s.getUrl().contains("example.com") || s.getUrl().contains("localhost")) {
                    problems.add("no-server-example.com: " + s.getUrl() + " (where the service runs is the deployment's to say)");
                }
            });
        }
        boolean schemes = api.getComponents() != null && api.getComponents().getSecuritySchemes() != null
                && !api.getComponents().getSecuritySchemes().isEmpty();
        Map<String, String> tags = new LinkedHashMap<>();
        if (api.getTags() != null) {
            for (Tag tag : api.getTags()) {
                tags.put(tag.getName(), tag.getDescription());
                if (blank(tag.getDescription())) {
                    problems.add("tag-description: tag " + tag.getName() + " has no description");
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String where = entry.getKey() + " " + path.getKey();
                Operation op = entry.getValue();
                if (blank(op.getOperationId())) {
                    problems.add("operation-operationId: " + where);
                } else if (!ids.add(op.getOperationId())) {
                    problems.add("operation-operationId-unique: " + op.getOperationId() + " at " + where);
                } else if (!URL_SAFE.matcher(op.getOperationId()).matches()) {
                    problems.add("operation-operationId-url-safe: " + op.getOperationId());
                }
                if (blank(op.getSummary())) {
                    problems.add("operation-summary: " + where);
                }
                if (op.getSecurity() == null && api.getSecurity() == null) {
                    problems.add("security-defined: " + where + " says neither its security nor security: []");
                } else if (op.getSecurity() != null && !op.getSecurity().isEmpty() && !schemes) {
                    problems.add("security-defined: " + where + " needs a security scheme that components do not declare");
                }
                if (op.getTags() == null || op.getTags().isEmpty()) {
                    problems.add("operation-tag: " + where + " has no tag");
                } else {
                    op.getTags().stream().filter(t -> !tags.containsKey(t)).forEach(t -> problems.add("operation-tag-defined: " + t + " at " + where));
                }
                var codes = op.getResponses() == null ? Set.<String>of() : op.getResponses().keySet();
                if (codes.stream().noneMatch(c -> c.startsWith("2") || c.startsWith("3"))) {
                    problems.add("operation-2xx-response: " + where);
                }
                if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                    problems.add("operation-4xx-response: " + where);
                }
                pathParameters(path.getKey(), path.getValue(), op, where, problems);
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    op.getRequestBody().getContent().forEach((type, media) -> typed("request body " + type, where, media, problems));
                }
                if (op.getResponses() != null) {
                    op.getResponses().forEach((code, response) -> {
                        if (response.getContent() != null && code.startsWith("2")) {
                            response.getContent().forEach((type, media) -> typed("response " + code + " " + type, where, media, problems));
                        }
                    });
                }
            }
        }
        overlappingOneOfs(yaml, problems);
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            for (String name : api.getComponents().getSchemas().keySet()) {
                if (!yaml.contains("#/components/schemas/" + name + "\"") && !yaml.contains("#/components/schemas/" + name + "\n")
                        && !yaml.contains("#/components/schemas/" + name + "'")) {
                    problems.add("no-unused-components: schema " + name);
                }
            }
        }
        return problems;
    }

    /** Where a service's document is committed, seen from the service's module (the folder its tests run in). */
    public static Path committed(String service) {
        return Path.of("..", "openapi", service + ".yaml");
    }

    /** Fails with every problem, or when the document differs from the committed one. */
    public static void assertCleanAndCommitted(String service, String yaml) throws IOException {
        List<String> problems = problems(yaml);
        if (!problems.isEmpty()) {
            throw new AssertionError(service + "'s OpenAPI document has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
        Path committed = committed(service);
        String normalized = yaml.replace("\r\n", "\n").stripTrailing() + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, normalized);
            return;
        }
        String before = Files.exists(committed) ? Files.readString(committed) : "";
        if (!before.equals(normalized)) {
            Path fresh = Path.of("target", "openapi", service + ".yaml");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, normalized);
            throw new AssertionError(service + "'s API is not the committed openapi/" + service + ".yaml: review the change ("
                    + "diff " + committed + " " + fresh + "), then commit it (cp it over, or run the test with -Dopenapi.update=true)");
        }
    }

    private static void pathParameters(String path, PathItem item, Operation op, String where, List<String> problems) {
        Set<String> declared = new HashSet<>();
        for (List<Parameter> list : new ArrayList<>(Arrays.asList(item.getParameters(), op.getParameters()))) {
            if (list != null) {
                list.stream().filter(p -> "path".equals(p.getIn())).forEach(p -> declared.add(p.getName()));
            }
        }
        Set<String> templated = new HashSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            templated.add(m.group(1));
        }
        for (String name : templated) {
            if (!declared.contains(name)) {
                problems.add("path-parameters-defined: {" + name + "} of " + where + " is not a declared path parameter");
            }
        }
        for (String name : declared) {
            if (!templated.contains(name)) {
                problems.add("path-parameters-defined: path parameter " + name + " of " + where + " is not in the path");
            }
        }
    }

    /** A JSON body with no shape (an untyped JsonNode or Object) shows as an empty schema in Swagger UI. */
    private static void typed(String what, String where, MediaType media, List<String> problems) {
        Schema<?> schema = media.getSchema();
        if (schema == null) {
            problems.add("untyped " + what + " of " + where + ": no schema");
            return;
        }
        boolean json = what.contains("json");
        if (json && schema.get$ref() == null && schema.getItems() == null && schema.getProperties() == null
                && schema.getAdditionalProperties() == null && schema.getAllOf() == null && schema.getOneOf() == null
                && (schema.getType() == null && schema.getTypes() == null || "object".equals(schema.getType())
                        || schema.getTypes() != null && schema.getTypes().contains("object"))) {
            problems.add("untyped " + what + " of " + where + ": an empty schema");
        }
    }

    /**
     * Redocly's no-illogical-composition-keywords: the object schemas of a {@code oneOf} must exclude each other by what
     * they require (a property both require with different {@code enum} values, or one that one requires and the other
     * does not declare); else a client finds an answer matching two of them (issue 34: every import's answer did).
     */
    static void overlappingOneOfs(String yaml, List<String> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            return; // said as invalid OpenAPI above
        }
        List<JsonNode> oneOfs = new ArrayList<>();
        root.findParents("oneOf").forEach(parent -> oneOfs.add(parent.get("oneOf")));
        for (JsonNode oneOf : oneOfs) {
            List<String> names = new ArrayList<>();
            List<JsonNode> members = new ArrayList<>();
            for (JsonNode member : oneOf) {
                String ref = member.path("$ref").asText("");
                JsonNode schema = ref.startsWith("#/") ? root.at(ref.substring(1)) : member;
                if (schema.has("properties")) {
                    names.add(ref.isEmpty() ? member.toString() : ref);
                    members.add(schema);
                }
            }
            for (int a = 0; a < members.size(); a++) {
                for (int b = a + 1; b < members.size(); b++) {
                    if (!exclusive(members.get(a), members.get(b))) {
                        problems.add("no-illogical-composition-keywords: a oneOf's " + names.get(a) + " and " + names.get(b)
                                + " overlap: require a property whose values tell them apart");
                    }
                }
            }
        }
    }

    private static boolean exclusive(JsonNode a, JsonNode b) {
        Set<String> requiredA = new HashSet<>();
        a.path("required").forEach(r -> requiredA.add(r.asText()));
        Set<String> requiredB = new HashSet<>();
        b.path("required").forEach(r -> requiredB.add(r.asText()));
        for (String p : requiredA) {
            if (!b.path("properties").has(p)) {
                return true;
            }
            JsonNode enumA = a.path("properties").path(p).path("enum");
            JsonNode enumB = b.path("properties").path(p).path("enum");
            if (requiredB.contains(p) && enumA.isArray() && enumB.isArray()) {
                Set<String> values = new HashSet<>();
                enumA.forEach(v -> values.add(v.asText()));
                boolean shared = false;
                for (JsonNode v : enumB) {
                    shared |= values.contains(v.asText());
                }
                if (!shared) {
                    return true;
                }
            }
        }
        return requiredB.stream().anyMatch(p -> !a.path("properties").has(p));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
