package io.regularity.support.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.regularity.support.FieldError;
import io.regularity.support.RaceId;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.SupportPhrases;
import io.regularity.support.Text;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The door every request passes before anything reads it: each path segment and query value must be UTF-8 text
 * without control characters or non-characters (a NUL, which PostgreSQL refuses; a CR or LF, which would end a header
 * line; U+FFFE, which XML cannot hold), and a race id in a path ({@code /api/races/{raceId}/…}) must follow
 * {@link RaceId}'s rule. Otherwise a 400 problem names the part and the rule, before any resource, stream or query
 * sees the value.
 */
@ApplicationScoped
public class RequestGuard {

    static final String RACES = "/api/races/";

    void install(@Observes Router router) {
        router.route().order(-5).handler(ctx -> {
            List<FieldError> errors = check(ctx.request().path(), ctx.request().query());
            if (errors.isEmpty()) {
                ctx.next();
            } else {
                Problem.end(ctx, 400, SupportPhrases.INVALID_REQUEST, Refusal.first(errors), errors);
            }
        });
    }

    /** What is wrong with a request's raw path and query, one error per part (none: it may pass). */
    static List<FieldError> check(String path, String query) {
        List<FieldError> errors = new ArrayList<>();
        String raw = path == null ? "" : path;
        String[] segments = raw.split("/", -1);
        if (raw.startsWith(RACES) && !segments[3].isEmpty() && !RaceId.valid(decode(segments[3], false))) {
            errors.add(new FieldError("raceId", RaceId.RULE));
        } else {
            for (String segment : segments) {
                String text = decode(segment, false);
                Said wrong = text == null ? SupportPhrases.NOT_UTF8.with() : wrongCharacter(text);
                if (wrong != null) {
                    errors.add(new FieldError("path", SupportPhrases.PATH_WRONG, wrong));
                    break;
                }
            }
        }
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                String field = name == null || wrongCharacter(name) != null ? "query" : name;
                Said wrong = name == null || value == null ? SupportPhrases.NOT_UTF8.with()
                        : wrongCharacter(name) != null ? wrongCharacter(name) : wrongCharacter(value);
                if (wrong != null) {
                    errors.add(new FieldError(field, SupportPhrases.QUERY_WRONG, wrong));
                }
            }
        }
        return errors;
    }

    /** Why a part of an address may not pass, or null: no line breaks or tabs there either. */
    static Said wrongCharacter(String text) {
        return Text.unfit(text, false);
    }

    /** A percent-encoded part as text ({@code +} a space in a query), or null when it is not UTF-8. */
    static String decode(String part, boolean query) {
        if (part.indexOf('%') < 0 && !(query && part.indexOf('+') >= 0)) {
            return part;
        }
        ByteBuffer bytes = ByteBuffer.allocate(part.length() * 4);
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (ch == '%') {
                if (i + 2 >= part.length() || Character.digit(part.charAt(i + 1), 16) < 0 || Character.digit(part.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.put((byte) (Character.digit(part.charAt(i + 1), 16) * 16 + Character.digit(part.charAt(i + 2), 16)));
                i += 2;
            } else if (query && ch == '+') {
                bytes.put((byte) ' ');
            } else if (ch < 0x100) {
                bytes.put((byte) ch); // the request line's bytes, as the HTTP decoder passes them on
            } else {
                bytes.put(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
