package io.regularity.classification.rest.pdf;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.regularity.classification.domain.CheckRegister;
import io.regularity.classification.domain.RaceDefinition;
import io.regularity.classification.events.RaceResults;
import io.regularity.classification.rest.pdf.PdfPaper.Column;
import io.regularity.classification.rest.pdf.PdfPaper.Foot;
import io.regularity.classification.rest.pdf.PdfPaper.Head;
import io.regularity.classification.rest.pdf.PdfPaper.Line;
import io.regularity.classification.rest.view.CrewBreakdown.CrewResults;
import io.regularity.classification.rest.view.CrewBreakdown.CrewTrial;
import io.regularity.classification.rest.view.ListViews;
import io.regularity.classification.service.PapersService.Certificates;
import io.regularity.classification.service.PapersService.Register;
import io.regularity.support.Lang;
import io.regularity.support.Phrase;

/**
 * The papers race direction puts on the notice board and hands out, drawn from the same records the JSON answers with
 * (a list's {@link ListViews} page holding every row, a crew's {@link CrewResults}, the race's results, the register's
 * rows): nothing is scored or ranked here. Times in the race's time zone, numbers with the reader's decimal mark.
 */
public final class Papers {

    public static final String MEDIA_TYPE = "application/pdf";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private Papers() {
    }

    /** What the head says of a list's status: provisional or official, and since when, by whom. */
    public record Status(boolean official, RaceDefinition.Stamp stamp, RaceDefinition.Post posted, Instant generatedAt, String asOfTrial,
            Instant asOf, String afterTrial) {
    }

    // ---- a list

    /** A whole list (every row on its one page) as the notice board shows it. */
    public static byte[] standings(RaceDefinition race, ListViews.Provenance list, Lang lang, String verifyUrl) {
        String title;
        Status status;
        List<Column> columns;
        List<List<String>> rows = new ArrayList<>();
        boolean points = race.points();
        if (list instanceof ListViews.TeamStandings teams) {
            title = say(PaperWords.LIST_TEAMS, lang);
            status = new Status(teams.published() != null, teams.published(), teams.posted(), teams.generatedAt(), teams.asOfTrial(),
                    teams.asOf(), teams.afterTrial());
            columns = List.of(new Column(say(PaperWords.POS, lang), 30, true), new Column(say(PaperWords.TEAM, lang), 200, false),
                    new Column(say(points ? PaperWords.POINTS : PaperWords.PENALTIES, lang), 70, true),
                    new Column(say(PaperWords.CARS, lang), 110, false), new Column(say(PaperWords.GAP, lang), 60, true));
            for (ListViews.TeamEntry e : teams.entries()) {
                rows.add(List.of(e.rank() == null ? "" : e.rank().toString(), e.team(), number(e.score(), lang),
                        String.join(", ", e.cars().stream().map(String::valueOf).toList()), number(e.gapToLeader(), lang)));
            }
        } else {
            ListViews.Standings crews = (ListViews.Standings) list;
            title = listTitle(crews, lang);
            status = new Status(crews.published() != null, crews.published(), crews.posted(), crews.generatedAt(), crews.asOfTrial(),
                    crews.asOf(), crews.afterTrial());
            columns = List.of(new Column(say(PaperWords.POS, lang), 28, true), new Column(say(PaperWords.NO, lang), 26, true),
                    new Column(say(PaperWords.CREW, lang), 130, false), new Column(say(PaperWords.CAR, lang), 130, false),
                    new Column(say(PaperWords.COEFFICIENT, lang), 34, true),
                    new Column(say(points ? PaperWords.POINTS : PaperWords.PENALTIES, lang), 56, true),
                    new Column(say(PaperWords.TRIALS, lang), 30, true), new Column(say(PaperWords.GAP, lang), 50, true),
                    new Column(say(PaperWords.STATE, lang), 46, false));
            for (ListViews.Entry e : crews.entries()) {
                rows.add(List.of(e.rank() == null ? "" : e.rank().toString(), String.valueOf(e.car()), text(e.crew()),
                        text(e.carModel()) + (e.carYear() == null ? "" : " (" + e.carYear() + ")"), number(e.coefficient(), lang),
                        number(e.score(), lang), String.valueOf(e.trialsScored()), e.rank() == null ? "" : number(e.gapToLeader(), lang),
                        state(e.state(), lang)));
            }
        }
        try (PdfPaper paper = new PdfPaper(lang, race.name() + " - " + title, head(race, title, status, lang, List.of()),
                new Foot(list.digest(), verifyUrl, say(PaperWords.REVISION, lang, list.revision())))) {
            paper.newPage();
            paper.table(columns, rows);
            paper.signatures(signatures(race, lang));
            return paper.finish();
        }
    }

    private static String listTitle(ListViews.Standings list, Lang lang) {
        return switch (list.list()) {
            case "leg" -> say(Boolean.TRUE.equals(list.cumulative()) ? PaperWords.LIST_LEG_CUMULATIVE : PaperWords.LIST_LEG, lang, list.leg());
            case "ladies" -> say(PaperWords.LIST_LADIES, lang);
            case "category" -> say(PaperWords.LIST_CATEGORY, lang, list.category());
            case "trophy" -> say(PaperWords.LIST_TROPHY, lang, list.trophy());
            default -> say(PaperWords.LIST_OVERALL, lang);
        };
    }

    // ---- a crew's results

    /** A crew's trial-by-trial breakdown, headed with the overall list's status. */
    public static byte[] results(RaceDefinition race, CrewResults crew, Status status, String digest, Lang lang, String verifyUrl) {
        String title = say(PaperWords.RESULTS_OF, lang, crew.car()) + " - " + text(crew.crew());
        boolean points = race.points();
        List<Line> more = List.of(new Line(say(PaperWords.RANK_SCORE, lang, crew.rank() == null ? say(PaperWords.NOT_RANKED, lang) : crew.rank(),
                number(crew.score(), lang), say(points ? PaperWords.POINTS : PaperWords.PENALTIES, lang).toLowerCase(Locale.ROOT)), true, 10));
        List<Column> columns = new ArrayList<>(List.of(new Column(say(PaperWords.TRIAL, lang), 60, false),
                new Column(say(PaperWords.TYPE, lang), 40, false), new Column(say(PaperWords.LEG, lang), 36, true),
                new Column(say(PaperWords.STATE, lang), 80, false), new Column(say(PaperWords.PENALTY, lang), 60, true)));
        if (points) {
            columns.add(new Column(say(PaperWords.POINTS, lang), 60, true));
        }
        List<List<String>> rows = new ArrayList<>();
        for (CrewTrial t : crew.trials()) {
            List<String> row = new ArrayList<>(List.of(t.trial(), t.type(), String.valueOf(t.leg()), state(t.state(), lang),
                    t.penalty() == null ? "" : t.penalty().toString()));
            if (points) {
                row.add(number(t.points(), lang));
            }
            rows.add(row);
        }
        try (PdfPaper paper = new PdfPaper(lang, race.name() + " - " + title, head(race, title, status, lang, more),
                new Foot(digest, verifyUrl, say(PaperWords.REVISION, lang, crew.revision())))) {
            paper.newPage();
            paper.table(columns, rows);
            paper.signatures(signatures(race, lang));
            return paper.finish();
        }
    }

    // ---- certificates

    /** One page per crew: its position in each of its lists, its score, the race's name and dates. */
    public static byte[] certificates(Certificates certificates, Lang lang, String verifyUrl) {
        RaceDefinition race = certificates.overall().race();
        boolean points = race.points();
        Map<Integer, BigDecimal> scores = new java.util.HashMap<>();
        Map<Integer, String> names = new java.util.HashMap<>();
        certificates.overall().crews().forEach(p -> {
            scores.put(p.entry().crew().car(), p.entry().score());
            names.put(p.entry().crew().car(), p.entry().crew().crewName());
        });
        Map<String, Long> sizes = new java.util.HashMap<>();
        certificates.results().crews().forEach(c -> c.positions().forEach((list, rank) -> sizes.merge(list, 1L, Long::sum)));
        RaceDefinition.Stamp stamp = race.published() == null ? null : race.published().race();
        Status status = new Status(stamp != null, stamp, race.postingOf(RaceResults.OVERALL), certificates.overall().generatedAt(),
                certificates.overall().asOfTrial(), null, null);
        String title = say(PaperWords.CERTIFICATE, lang);
        try (PdfPaper paper = new PdfPaper(lang, race.name() + " - " + title, head(race, title, status, lang, List.of()),
                new Foot(certificates.overall().digest(), verifyUrl, say(PaperWords.REVISION, lang, race.revision())))) {
            for (RaceResults.Crew crew : certificates.crews()) {
                paper.newPage();
                paper.space(20);
                paper.paragraph(say(PaperWords.CERTIFIES, lang, crew.car()), false, 12);
                paper.space(6);
                paper.paragraph(text(names.get(crew.car())), true, 18);
                paper.paragraph(people(crew), false, 11);
                paper.space(6);
                paper.paragraph(say(PaperWords.CLASSIFIED, lang, text(race.name()), dates(race, lang)), false, 12);
                paper.space(10);
                List<List<String>> rows = new ArrayList<>();
                crew.positions().forEach((list, rank) -> rows.add(List.of(listName(list, lang),
                        rank == null ? say(PaperWords.NOT_RANKED, lang) : rank + " " + say(PaperWords.OF_N, lang, sizes.get(list)))));
                paper.table(List.of(new Column(say(PaperWords.CLASSIFICATION, lang), 300, false),
                        new Column(say(PaperWords.POSITION, lang), 150, false)), rows);
                paper.paragraph(say(PaperWords.SCORE, lang) + ": " + number(scores.get(crew.car()), lang) + " "
                        + say(points ? PaperWords.POINTS : PaperWords.PENALTIES, lang).toLowerCase(Locale.ROOT), true, 12);
                paper.signatures(signatures(race, lang));
            }
            return paper.finish();
        }
    }

    private static String people(RaceResults.Crew crew) {
        List<String> people = new ArrayList<>();
        if (crew.driver() != null && crew.driver().name() != null) {
            people.add(crew.driver().name());
        }
        if (crew.codriver() != null && crew.codriver().name() != null) {
            people.add(crew.codriver().name());
        }
        return String.join(" - ", people);
    }

    /** A list's key in the race's results (overall, ladies, category:…, trophy:…) in words. */
    private static String listName(String key, Lang lang) {
        if (key.startsWith("category:")) {
            return say(PaperWords.LIST_CATEGORY, lang, key.substring("category:".length()));
        }
        if (key.startsWith("trophy:")) {
            return say(PaperWords.LIST_TROPHY, lang, key.substring("trophy:".length()));
        }
        return say("ladies".equals(key) ? PaperWords.LIST_LADIES : PaperWords.LIST_OVERALL, lang);
    }

    /** The race's days, from its legs' dates (the year when none has one). */
    static String dates(RaceDefinition race, Lang lang) {
        List<LocalDate> days = new ArrayList<>();
        for (RaceDefinition.Leg leg : race.legs()) {
            try {
                if (leg.date() != null) {
                    days.add(LocalDate.parse(leg.date()));
                }
            } catch (DateTimeParseException e) {
                // a date route-service would not have accepted: the other legs' say when
            }
        }
        if (days.isEmpty()) {
            return race.year() == null ? "" : race.year().toString();
        }
        LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
        return first.equals(last) ? DAY.format(first) : DAY.format(first) + " - " + DAY.format(last);
    }

    // ---- the register of checks

    public static byte[] register(Register register, String digest, Lang lang, String verifyUrl, Instant at) {
        RaceDefinition race = register.race();
        ZoneId zone = race.zone();
        String title = say(PaperWords.REGISTER, lang);
        List<Line> more = new ArrayList<>(List.of(new Line(SECONDS.format(at.atZone(zone)) + " (" + zone.getId() + ")", false, 8.5f)));
        signedBy(race, lang).ifPresent(more::add);
        List<List<String>> rows = new ArrayList<>();
        for (CheckRegister.Row r : register.rows()) {
            rows.add(List.of(String.valueOf(r.number()), SECONDS.format(r.at().atZone(zone)), String.valueOf(r.car()), text(r.trial()),
                    say(PaperWords.valueOf(r.reason().name()), lang), say(PaperWords.valueOf(r.outcome().name()), lang), text(r.by()),
                    text(r.note())));
        }
        try (PdfPaper paper = new PdfPaper(lang, race.name() + " - " + title, new Head(text(race.name()), withTitle(title, more)),
                new Foot(digest, verifyUrl, say(PaperWords.REVISION, lang, race.revision())))) {
            paper.newPage();
            if (rows.isEmpty()) {
                paper.paragraph(say(PaperWords.NO_CHECKS, lang), false, 10);
            } else {
                paper.table(List.of(new Column(say(PaperWords.NO, lang), 22, true), new Column(say(PaperWords.TIME, lang), 92, false),
                        new Column(say(PaperWords.CAR, lang), 36, true), new Column(say(PaperWords.TRIAL, lang), 50, false),
                        new Column(say(PaperWords.REASON, lang), 68, false), new Column(say(PaperWords.OUTCOME, lang), 76, false),
                        new Column(say(PaperWords.WHO, lang), 64, false), new Column(say(PaperWords.NOTE, lang), 110, false)), rows);
            }
            paper.signatures(signatures(race, lang));
            return paper.finish();
        }
    }

    /** The register's words for a row's reason and outcome, as the CSV and the workbook write them. */
    public static String reason(CheckRegister.Reason reason, Lang lang) {
        return say(PaperWords.valueOf(reason.name()), lang);
    }

    public static String outcome(CheckRegister.Outcome outcome, Lang lang) {
        return say(PaperWords.valueOf(outcome.name()), lang);
    }

    // ---- the head every page carries

    private static Head head(RaceDefinition race, String title, Status status, Lang lang, List<Line> more) {
        ZoneId zone = race.zone();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(title, true, 12));
        lines.add(new Line(statusLine(race, status, lang), true, 12));
        String when;
        if (status.official() && status.stamp() != null) {
            when = say(PaperWords.PUBLISHED_AT, lang, at(status.stamp().at(), zone), text(status.stamp().by()));
        } else if (status.posted() != null) {
            when = say(PaperWords.POSTED_AT, lang, at(status.posted().at(), zone), text(status.posted().by()));
        } else if (status.asOfTrial() != null) {
            when = say(PaperWords.COMPUTED_AT, lang, at(status.generatedAt(), zone), status.asOfTrial());
        } else {
            when = say(PaperWords.COMPUTED_AT_NO_TRIAL, lang, at(status.generatedAt(), zone));
        }
        if (status.asOf() != null) {
            when += " - " + say(PaperWords.REPLAYED, lang, at(status.asOf(), zone));
        }
        if (status.afterTrial() != null) {
            when += " - " + say(PaperWords.AFTER_TRIAL, lang, status.afterTrial());
        }
        lines.add(new Line(when, false, 8.5f));
        signedBy(race, lang).ifPresent(lines::add);
        lines.addAll(more);
        return new Head(text(race.name()), lines);
    }

    private static List<Line> withTitle(String title, List<Line> more) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(title, true, 12));
        lines.addAll(more);
        return lines;
    }

    /**
     * "Official classification", "Provisional classification", or, once posted on the notice board with a protest window,
     * "Provisional classification - protests until 18:30" (the window's end in the race's time zone).
     */
    static String statusLine(RaceDefinition race, Status status, Lang lang) {
        if (status.official()) {
            return say(PaperWords.FINAL, lang);
        }
        String provisional = say(PaperWords.PROVISIONAL, lang);
        if (status.posted() != null && status.posted().protestsUntil() != null) {
            return provisional + " – " + say(PaperWords.PROTESTS_UNTIL, lang, clock(status.posted().protestsUntil(), race.zone()));
        }
        return provisional;
    }

    /** The head's line of the names that sign the paper ("Clerk of the course: … - Chief timekeeper: …"), if the race names them. */
    private static java.util.Optional<Line> signedBy(RaceDefinition race, Lang lang) {
        return signatures(race, lang).stream().map(s -> s[0] + ": " + s[1]).reduce((x, y) -> x + " - " + y)
                .map(text -> new Line(text, false, 8.5f));
    }

    /** The officials who sign the papers, role and name, as the race names them (route-service's {@code officials}). */
    static List<String[]> signatures(RaceDefinition race, Lang lang) {
        List<String[]> signs = new ArrayList<>();
        RaceDefinition.Officials officials = race.officials();
        if (officials != null && officials.clerkOfCourse() != null && !officials.clerkOfCourse().isBlank()) {
            signs.add(new String[] { say(PaperWords.CLERK_OF_COURSE, lang), officials.clerkOfCourse() });
        }
        if (officials != null && officials.chiefTimekeeper() != null && !officials.chiefTimekeeper().isBlank()) {
            signs.add(new String[] { say(PaperWords.CHIEF_TIMEKEEPER, lang), officials.chiefTimekeeper() });
        }
        return signs;
    }

    // ---- words and numbers

    private static String at(Instant instant, ZoneId zone) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    static String clock(Instant instant, ZoneId zone) {
        return CLOCK.format(instant.atZone(zone));
    }

    private static String say(Phrase phrase, Lang lang, Object... values) {
        return phrase.with(values).in(lang);
    }

    private static String text(String value) {
        return Objects.toString(value, "");
    }

    private static String state(String state, Lang lang) {
        if (state == null) {
            return "";
        }
        try {
            return say(PaperWords.valueOf(state), lang);
        } catch (IllegalArgumentException e) {
            return state;
        }
    }

    /** A number as the reader writes it: 1.234,50 in Italian, 1,234.50 in English, with the number's own decimals. */
    static String number(BigDecimal value, Lang lang) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(lang == Lang.IT ? Locale.ITALY : Locale.UK));
        int scale = Math.max(0, value.scale());
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        return format.format(value);
    }
}
