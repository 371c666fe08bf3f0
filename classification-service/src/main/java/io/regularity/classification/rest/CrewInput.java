package io.regularity.classification.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.regularity.classification.domain.ClassificationPhrases;
import io.regularity.classification.domain.Crew;
import io.regularity.support.FieldError;
import io.regularity.support.Phrase;
import io.regularity.support.SupportPhrases;

/** A crew as the race direction sends it, checked field by field before anything is stored. */
public record CrewInput(Integer car, Crew.Person driver, @Schema(nullable = true) Crew.Person codriver,
        @Schema(nullable = true) String carModel, @Schema(nullable = true) Integer carYear, BigDecimal coefficient,
        @Schema(nullable = true) String category, @Schema(nullable = true) String team,
        @Schema(nullable = true, maxLength = 32, description = "the crew's average band (e.g. HIGH): a PM's `averageKmhByBand`, a CO's "
                + "`durationMinutesByBand` give its own ideal times; none, or one a trial does not name, takes the plain value")
        String band) {

    public static final BigDecimal MIN_COEFFICIENT = new BigDecimal("1.00");
    public static final BigDecimal MAX_COEFFICIENT = new BigDecimal("3.00");
    static final int MAX_TEXT = 200;
    /** A band's name at most: HIGH, LOW, A, "Media alta". */
    public static final int MAX_BAND = 32;

    /** A crew as it was sent before bands: none. */
    public CrewInput(Integer car, Crew.Person driver, Crew.Person codriver, String carModel, Integer carYear, BigDecimal coefficient,
            String category, String team) {
        this(car, driver, codriver, carModel, carYear, coefficient, category, team, null);
    }

    /** The problems of this crew; {@code prefix} names it ("" alone, "[3]" in an array, "row 4" in CSV). */
    public List<FieldError> problems(String prefix, boolean csv) {
        List<FieldError> errors = new ArrayList<>();
        if (car == null || car < 1 || car > 9999) {
            errors.add(error(prefix, csv, "car", ClassificationPhrases.CAR_RANGE));
        }
        if (driver == null || driver.name() == null || driver.name().isBlank()) {
            errors.add(error(prefix, csv, csv ? "driver" : "driver.name", SupportPhrases.IS_REQUIRED));
        }
        text(errors, prefix, csv, csv ? "driver" : "driver.name", driver == null ? null : driver.name());
        text(errors, prefix, csv, csv ? "codriver" : "codriver.name", codriver == null ? null : codriver.name());
        licence(errors, prefix, csv, csv ? "driverLicence" : "driver.licence", driver == null ? null : driver.licence());
        licence(errors, prefix, csv, csv ? "codriverLicence" : "codriver.licence", codriver == null ? null : codriver.licence());
        text(errors, prefix, csv, "carModel", carModel);
        text(errors, prefix, csv, "category", category);
        text(errors, prefix, csv, "team", team);
        if (band != null && (band.strip().length() > MAX_BAND || band.chars().anyMatch(Character::isISOControl))) {
            errors.add(error(prefix, csv, "band", ClassificationPhrases.BAND_RULE, MAX_BAND));
        }
        if (carYear != null && (carYear < 1880 || carYear > 2100)) {
            errors.add(error(prefix, csv, "carYear", ClassificationPhrases.YEAR_RANGE));
        }
        if (coefficient == null || coefficient.compareTo(MIN_COEFFICIENT) < 0 || coefficient.compareTo(MAX_COEFFICIENT) > 0) {
            errors.add(error(prefix, csv, "coefficient", ClassificationPhrases.COEFFICIENT_RANGE));
        } else if (coefficient.stripTrailingZeros().scale() > 2) {
            errors.add(error(prefix, csv, "coefficient", ClassificationPhrases.COEFFICIENT_DECIMALS));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String prefix, boolean csv, String field, String value) {
        if (value != null && (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(error(prefix, csv, field, ClassificationPhrases.TEXT_TOO_LONG, MAX_TEXT));
        }
    }

    /** A licence, the person's key across a season's races: 1 to 32 letters, digits, '-', '/' or '.'. */
    private static void licence(List<FieldError> errors, String prefix, boolean csv, String field, String value) {
        if (value != null && !LICENCE.matcher(value).matches()) {
            errors.add(error(prefix, csv, field, ClassificationPhrases.LICENCE_RULE));
        }
    }

    static final java.util.regex.Pattern LICENCE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,31}");

    /** A field's error: in a sheet, the row and the column say where ("row 4: coefficient must be …"). */
    private static FieldError error(String prefix, boolean csv, String field, Phrase phrase, Object... values) {
        if (csv) {
            return new FieldError(prefix + "." + field, ClassificationPhrases.IN_ROW.with(CrewCsv.spoken(prefix), field, phrase.with(values)));
        }
        return new FieldError(prefix.isEmpty() ? field : prefix + "." + field, phrase, values);
    }

    public Crew toCrew() {
        return new Crew(car, trimmed(driver), trimmed(codriver), carModel, carYear, coefficient.setScale(2), blankToNull(category),
                blankToNull(team), blankToNull(band) == null ? null : band.strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A person with an empty licence as one without: the same across the season by name then. */
    private static Crew.Person trimmed(Crew.Person p) {
        return p == null ? null : new Crew.Person(p.name(), p.female(), blankToNull(p.licence()));
    }
}
