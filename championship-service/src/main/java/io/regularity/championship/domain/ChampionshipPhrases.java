package io.regularity.championship.domain;

import io.regularity.support.Phrase;

/** What the championship says when it refuses a definition, in English and Italian. */
public enum ChampionshipPhrases implements Phrase {

    THE_CHAMPIONSHIP("championship", "campionato"),
    NO_CHAMPIONSHIP("no championship {0}", "il campionato {0} non esiste"),
    DEFINITION_REQUIRED("a championship's definition is required", "serve la definizione del campionato"),
    LIST_KIND_VALUES("list must be overall, category, ladies, trophy or teams", "`list` deve essere overall, category, ladies, trophy o teams"),
    LIST_NOT_KEPT("this championship keeps no such list; it keeps {0}", "questo campionato non tiene questa classifica; tiene {0}"),
    PERSON_NOT_MATCHED_BY_NAME("{0} is no person matched by name in this championship (GET …/identities lists them)",
            "{0} non è una persona riconosciuta per nome in questo campionato (le elenca GET …/identities)"),
    DECISION_VALUES("decision must be confirm or split", "`decision` deve essere confirm o split"),
    PROVISIONAL_VALUES("provisional is true or false", "`provisional` vale true o false"),
    MUST_EQUAL_PATH_ID("must equal the championship id in the path ({0})", "deve coincidere con l'id del campionato nel percorso ({0})"),
    ID_RULE("a championship id is 1 to 64 letters (A-Z, a-z), digits, '.', '_' or '-', starting with a letter or a digit",
            "l'id di un campionato ha da 1 a 64 lettere (A-Z, a-z), cifre, '.', '_' o '-', e inizia con una lettera o una cifra"),
    NAME_REQUIRED("name the championship (1 to 200 characters)", "date un nome al campionato (da 1 a 200 caratteri)"),
    SEASON_RANGE("must be a year between 1900 and 2200", "deve essere un anno tra il 1900 e il 2200"),
    ROUNDS_REQUIRED("a championship needs at least one round", "un campionato ha bisogno di almeno una prova del calendario"),
    ROUND_NOT_A_RACE("{0} is not a race of this system (GET /api/races lists them)",
            "{0} non è una gara di questo sistema (le elenca GET /api/races)"),
    ROUND_TWICE("race {0} is a round already (round {1})", "la gara {0} è già una prova del calendario (la {1})"),
    WEIGHT_RANGE("must be more than 0 and at most 10 (1 unless said; a final may weigh 3)",
            "deve essere più di 0 e al massimo 10 (1 se non indicato; una finale può valere 3)"),
    LIST_NEEDS_CATEGORY("a category list names its category", "una classifica di categoria indica la sua categoria (`category`)"),
    LIST_NEEDS_TROPHY("a trophy list names its trophy", "una classifica di trofeo indica il suo trofeo (`trophy`)"),
    LIST_TWICE("this list is kept already", "questa classifica c'è già"),
    KIND_REQUIRED("must be overall, category, ladies, trophy or teams", "deve essere overall, category, ladies, trophy o teams"),
    TABLE_REQUIRED("a table needs at least one value", "una tabella ha bisogno di almeno un valore"),
    TABLE_VALUE_RANGE("must be a whole number from 0 to 1000", "deve essere un numero intero da 0 a 1000"),
    TABLE_INCREASES("must not be more than the place above it ({0})", "non può valere più del posto sopra ({0})"),
    COUNT_BEST_RANGE("must be between 1 and the number of rounds ({0})", "deve essere tra 1 e il numero di prove del calendario ({0})"),
    MIN_ROUNDS_RANGE("must be between 0 and the number of rounds ({0})", "deve essere tra 0 e il numero di prove del calendario ({0})"),
    SHARE_RANGE("must be between 0 and 1 (0.5: half of the planned PCs)", "deve essere tra 0 e 1 (0.5: metà delle PC previste)"),
    TEAM_CARS_RANGE("a team counts 2 to 10 cars", "una scuderia conta da 2 a 10 vetture");

    private final String english;
    private final String italian;

    ChampionshipPhrases(String english, String italian) {
        this.english = english;
        this.italian = italian;
    }

    @Override
    public String english() {
        return english;
    }

    @Override
    public String italian() {
        return italian;
    }
}
