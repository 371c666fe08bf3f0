package io.regularity.classification.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.ListSpec;
import io.regularity.classification.service.StandingsService.Replay;
import io.regularity.support.Refusal;
import io.regularity.support.rest.Paging;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * What a reader asks of a list, read once for every door to it: the JSON list, its CSV, the page and the stream
 * ({@link StandingsFeed}). The defaults are written here only, for the REST parameters and the stream's route alike.
 *
 * @param spec which list
 * @param replay live, or as it stood as of a moment and/or after a trial
 * @param page the page, from 0
 * @param size rows a page
 * @param compact a stream's compact events (the widget)
 */
public record StandingsQuery(ListSpec spec, Replay replay, int page, int size, boolean compact) {

    static final String LIST = "overall";
    static final String CUMULATIVE = "false";
    static final String PAGE = "0";
    static final String SIZE = "50";

    /** The query parameters of a list, as the REST resource reads and documents them. */
    public record Params(@QueryParam("list") @DefaultValue(LIST) String list, @QueryParam("leg") Integer leg,
            @QueryParam("cumulative") @DefaultValue(CUMULATIVE) String cumulative, @QueryParam("category") String category,
            @QueryParam("trophy") String trophy, @QueryParam("page") @DefaultValue(PAGE) long page,
            @QueryParam("size") @DefaultValue(SIZE) int size, @QueryParam("asOf") String asOf,
            @QueryParam("afterTrial") String afterTrial) {

        /** The same parameters read from a request's raw query (the stream's route): a malformed number is a 400 too. */
        static Params of(UnaryOperator<String> query) {
            return new Params(or(query.apply("list"), LIST), integer("leg", query.apply("leg")),
                    or(query.apply("cumulative"), CUMULATIVE), query.apply("category"), query.apply("trophy"),
                    integer("page", or(query.apply("page"), PAGE)), integer("size", or(query.apply("size"), SIZE)), query.apply("asOf"),
                    query.apply("afterTrial"));
        }

        /** The list asked for: every parameter checked (a 400 naming the first that is not right). */
        StandingsQuery query(String compact) {
            int checkedPage = Paging.check(page, size);
            if (compact != null && !compact.equals("true") && !compact.equals("false")) {
                throw Refusal.invalid("compact", ClassificationPhrases.COMPACT_TRUE_OR_FALSE);
            }
            return new StandingsQuery(spec(), replay(), checkedPage, size, "true".equals(compact));
        }

        /** The same list whole, every row on one page (the CSV): its paging, if any, is not the CSV's concern. */
        StandingsQuery whole() {
            return new StandingsQuery(spec(), replay(), 0, Integer.MAX_VALUE, false);
        }

        private ListSpec spec() {
            if (!"true".equals(cumulative) && !"false".equals(cumulative)) {
                throw Refusal.invalid("cumulative", ClassificationPhrases.CUMULATIVE_TRUE_OR_FALSE);
            }
            return ListSpec.of(list, leg, Boolean.parseBoolean(cumulative), category, trophy);
        }

        private Replay replay() {
            return new Replay(instant("asOf", asOf), afterTrial == null || afterTrial.isBlank() ? null : afterTrial);
        }
    }

    /** The live list's page this asks for. */
    StandingsPages.Key page(String raceId) {
        return new StandingsPages.Key(raceId, spec, page, size);
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    private static Integer integer(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw Refusal.invalid(field, ClassificationPhrases.PARAMETER_WHOLE_NUMBER, field);
        }
    }

    /** An instant parameter: ISO-8601 ({@code 2023-06-13T12:00:00Z}), or a 400 naming the parameter. Null when absent. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, ClassificationPhrases.PARAMETER_INSTANT, field);
        }
    }
}
