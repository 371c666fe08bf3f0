package io.regularity.classification.domain;

import java.math.BigDecimal;

/**
 * An entry: the car number, its crew, and the coefficient the organiser published for it; its {@code band} (null when
 * none), for the trials that give an average or a duration per band (rules.md, Average bands).
 */
public record Crew(int car, Person driver, Person codriver, String carModel, Integer carYear, BigDecimal coefficient,
        String category, String team, String band) {

    /** An entry without a band. */
    public Crew(int car, Person driver, Person codriver, String carModel, Integer carYear, BigDecimal coefficient, String category,
            String team) {
        this(car, driver, codriver, carModel, carYear, coefficient, category, team, null);
    }

    /** A person of the crew: the name as entered, whether a woman (the ladies' cup), the licence when given (the season's key). */
    public record Person(String name, Boolean female, String licence) {

        public Person(String name, Boolean female) {
            this(name, female, null);
        }

        public boolean isFemale() {
            return Boolean.TRUE.equals(female);
        }
    }

    /** "Vesco / Salvinelli": the surnames, as standings print them. */
    public String crewName() {
        return surname(driver) + (codriver == null || codriver.name() == null ? "" : " / " + surname(codriver));
    }

    /** Whether either person has a licence on the entry list. */
    public boolean licensed() {
        return driver != null && driver.licence() != null || codriver != null && codriver.licence() != null;
    }

    public boolean ladies() {
        return driver != null && driver.isFemale() && codriver != null && codriver.isFemale();
    }

    private static String surname(Person p) {
        if (p == null || p.name() == null) {
            return "";
        }
        String name = p.name().trim();
        int space = name.lastIndexOf(' ');
        return space < 0 ? name : name.substring(space + 1);
    }
}
