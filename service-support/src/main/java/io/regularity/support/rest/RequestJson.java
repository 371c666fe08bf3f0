package io.regularity.support.rest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.regularity.support.FieldError;
import io.regularity.support.Lang;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.Text;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * How a request's JSON body is read, in every service: strictly. A field the endpoint does not know is refused with a
 * 400 naming every such field and what the object takes (a misspelt {@code pcCAP} would otherwise score a race by the
 * default, and nobody would know), and text PostgreSQL or XML cannot hold ({@link Text}) is refused where it stands.
 * Only requests: the application's {@code ObjectMapper} stays tolerant, so events read from Kafka and rows read back
 * keep ignoring what they do not know.
 */
@Provider
@Singleton
public class RequestJson implements ContextResolver<ObjectMapper> {

    /** The unknown fields found while reading the current request's body (set only while {@link Reading} reads it). */
    private static final ThreadLocal<List<FieldError>> UNKNOWN = new ThreadLocal<>();

    private final ObjectMapper strict;

    public RequestJson(ObjectMapper json) {
        SimpleModule text = new SimpleModule("request-text");
        text.addDeserializer(String.class, new FitText());
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addHandler(new Unknown()).registerModule(text);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /**
     * A JSON tree read as {@code type}, as strictly as a body: what is wrong (unknown fields, unfit text, a value of the
     * wrong kind) is added to {@code errors} under {@code path}, and the answer is then null.
     */
    public <T> T read(JsonNode node, Class<T> type, String path, List<FieldError> errors) {
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> outer = UNKNOWN.get();
        UNKNOWN.set(unknown);
        try {
            T value = strict.treeToValue(node, type);
            unknown.forEach(e -> errors.add(e.at(path + (e.field().startsWith("[") ? "" : ".") + e.field())));
            return unknown.isEmpty() ? value : null;
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(path, ProblemMappers.said(e)));
            return null;
        } finally {
            UNKNOWN.set(outer);
        }
    }

    /** Reads every JSON body with {@link #UNKNOWN} set, and refuses it when it held fields nobody asked for. */
    @Provider
    public static class Reading implements ReaderInterceptor {
        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
            MediaType type = context.getMediaType();
            if (type == null || !type.getSubtype().endsWith("json")) {
                return context.proceed();
            }
            List<FieldError> unknown = new ArrayList<>();
            List<FieldError> outer = UNKNOWN.get();
            UNKNOWN.set(unknown);
            try {
                Object body = context.proceed();
                if (!unknown.isEmpty()) {
                    throw Refusal.invalid(SupportPhrases.UNKNOWN_FIELDS.with(unknown.stream().map(FieldError::field).collect(Collectors.joining(", "))),
                            unknown);
                }
                return body;
            } finally {
                UNKNOWN.set(outer);
            }
        }
    }

    /** Notes an unknown field with its path and skips it, so the rest is still read and every unknown one named. */
    static final class Unknown extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object beanOrClass,
                String propertyName) throws IOException {
            List<FieldError> found = UNKNOWN.get();
            if (found == null) {
                return false; // read outside a request: Jackson refuses it at once
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            found.add(new FieldError(path(p.getParsingContext()), known == null || known.isEmpty() ? SupportPhrases.UNKNOWN_FIELD.with()
                    : SupportPhrases.UNKNOWN_FIELD_TAKES.with(known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")))));
            p.skipChildren();
            return true;
        }
    }

    /** Text a request may not carry, with what is wrong with it in words. */
    static final class UnfitText extends InvalidFormatException {
        final transient Said said;

        UnfitText(JsonParser p, Said said, String value) {
            super(p, said.in(Lang.EN), value, String.class);
            this.said = said;
        }
    }

    /** Text as a request may carry it ({@link Text#unfit}, line breaks allowed), or a 400 naming the field. */
    static final class FitText extends StdScalarDeserializer<String> {
        FitText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            Said unfit = value == null ? null : Text.unfit(value, true);
            if (unfit != null) {
                throw new UnfitText(p, SupportPhrases.TEXT_WRONG.with(unfit), value);
            }
            return value;
        }
    }

    /** {@code legs[0].trials[2].wobble}: where the parser stands, as the problems name fields. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }
}
