package io.regularity.classification.domain;

import io.regularity.support.Phrase;

/**
 * What classification says to a person when it refuses a request, in English and Italian: the entry list and its
 * imports, the rulings, the lists' parameters and what the race does not have. The anomalies' words are
 * {@code rest/view/Words}; what every service says is service-support's {@code SupportPhrases}.
 */
public enum ClassificationPhrases implements Phrase {

    // titles
    ALREADY_STARTED("Already started", "Già partito"),
    ALREADY_REVOKED("Already revoked", "Già revocato"),
    PROTEST_WINDOW_CLOSED("Protest window closed", "Termine per i reclami scaduto"),
    ALREADY_DECIDED("Already decided", "Già deciso"),

    // what the race does not have
    UNKNOWN_RACE("no race {0} (classification learns races from route-events)",
            "nessuna gara {0} (la classifica conosce le gare dagli eventi di route-events)"),
    NO_RACE("no race {0}", "nessuna gara {0}"),
    RACE_HAS_NO_CAR("race {0} has no car {1}", "la gara {0} non ha la vettura {1}"),
    RACE_HAS_NO_LEG("race {0} has no leg {1}", "la gara {0} non ha la tappa {1}"),
    RACE_HAS_NO_TRIAL("race {0} has no trial {1}", "la gara {0} non ha la prova {1}"),
    RACE_HAS_NO_RULING("race {0} has no ruling {1}", "la gara {0} non ha il provvedimento {1}"),
    RACE_HAS_NO_PROTEST("race {0} has no protest {1}", "la gara {0} non ha il reclamo {1}"),
    RACE_HAS_NO_ANOMALY("race {0} has no anomaly {1} (now)", "la gara {0} non ha l'anomalia {1} (ora)"),
    CAR_NOT_ENTERED("car {0} is not on the entry list of {1}", "la vettura {0} non è tra gli iscritti di {1}"),

    // a crew
    THE_CREW("crew", "equipaggio"),
    CREW_REQUIRED("a crew is required", "serve un equipaggio"),
    CAR_NOT_THE_PATHS("must equal the car number in the path ({0})", "deve essere uguale al numero di vettura nel percorso ({0})"),
    CAR_RANGE("must be between 1 and 9999", "deve essere tra 1 e 9999"),
    TEXT_TOO_LONG("must be at most {0} characters, without control characters",
            "deve avere al massimo {0} caratteri, senza caratteri di controllo"),
    YEAR_RANGE("must be a year between 1880 and 2100", "deve essere un anno tra il 1880 e il 2100"),
    COEFFICIENT_RANGE("must be between 1.00 and 3.00", "deve essere tra 1.00 e 3.00"),
    COEFFICIENT_DECIMALS("must have at most 2 decimals", "deve avere al massimo 2 decimali"),
    BAND_RULE("must be at most {0} characters, without control characters (a band such as HIGH; empty for none)",
            "deve avere al massimo {0} caratteri, senza caratteri di controllo (una fascia come HIGH; vuota se non c'è)"),
    LICENCE_RULE("a licence is 1 to 32 letters, digits, '.', '/' or '-', starting with a letter or a digit",
            "una licenza ha da 1 a 32 lettere, cifre, '.', '/' o '-', e inizia con una lettera o una cifra"),

    // withdrawing a crew
    CAR_STARTED("car {0} has started ({1}): retire it with a ruling instead, so its results stay on record",
            "la vettura {0} è partita ({1}): ritiratela invece con un provvedimento, così i suoi risultati restano agli atti"),
    ONE_PASSAGE_RECEIVED("{0} passage received", "{0} passaggio ricevuto"),
    PASSAGES_RECEIVED("{0} passages received", "{0} passaggi ricevuti"),

    // importing the entry list (JSON, CSV, a workbook)
    BODY_NOT_CREWS("the body must be a JSON array of crews", "il corpo deve essere un array JSON di equipaggi"),
    MUST_BE_ARRAY("must be an array", "deve essere un array"),
    MUST_BE_CREW("must be a crew object", "deve essere un oggetto equipaggio"),
    TOO_MANY_CREWS("at most {0} crews in one import", "al massimo {0} equipaggi in un'importazione"),
    CAR_TWICE("{0}: car {1} appears twice", "{0}: la vettura {1} compare due volte"),
    NOTHING_IMPORTED("nothing imported: {0} problem(s)", "nulla è stato importato (problemi da correggere: {0})"),

    // a spreadsheet's rows
    ROW("row {0}", "riga {0}"),
    IN_ROW("{0}: {1} {2}", "{0}, colonna {1}: {2}"),
    FILE_NOT_UTF8("the file is not UTF-8 (accents would be lost): in Excel, save it as \"CSV UTF-8\"",
            "il file non è in UTF-8 (gli accenti andrebbero persi): in Excel salvatelo come \"CSV UTF-8\""),
    HEADER_MISSING("row 1: the header row is missing ({0})", "riga 1: manca la riga d'intestazione ({0})"),
    HEADER_LACKS("row 1: the header lacks the column {0}", "riga 1: nell'intestazione manca la colonna {0}"),
    COEFFICIENT_NOT_NUMBER("must be a number such as 1.45", "deve essere un numero come 1,45"),
    WHOLE_NUMBER("must be a whole number", "deve essere un numero intero"),

    // a ruling
    THE_RULING("ruling", "provvedimento"),
    RULING_REQUIRED("a ruling is required", "serve un provvedimento"),
    RULING_TYPE("must be STEWARD_PENALTY, ASSIGN_AVERAGE, NEUTRALISE or RETIRE",
            "deve essere STEWARD_PENALTY, ASSIGN_AVERAGE, NEUTRALISE o RETIRE"),
    CAR_ENTERED("must be a car on the entry list", "deve essere una vettura degli iscritti"),
    TRIAL_OF_THE_RACE("must name a trial of the race", "deve indicare una prova della gara"),
    UNKNOWN_TRIAL("unknown trial {0}", "prova sconosciuta: {0}"),
    PENALTY_POINTS("a steward penalty needs points between 1 and 100000",
            "una penalità dei commissari richiede da 1 a 100000 punti (\"points\")"),
    SAY_WHY("say why, in at most 500 characters", "dite perché, in al massimo 500 caratteri"),
    SAY_WHY_REVOKED("say why the ruling is revoked, in at most 500 characters",
            "dite perché il provvedimento è revocato, in al massimo 500 caratteri"),
    SAY_WHAT_WAS_DONE("say what was done about it, in at most 500 characters", "dite cosa è stato fatto, in al massimo 500 caratteri"),
    SAY_WHICH_CREW("say which crew", "dite quale equipaggio"),
    RULING_REVOKED_ALREADY("ruling {0} was revoked already, at {1} by {2}", "il provvedimento {0} è già stato revocato da {2} ({1})"),

    // a protest
    THE_PROTEST("protest", "reclamo"),
    PROTEST_REQUIRED("a protest is required", "serve un reclamo"),
    PROTEST_BY("say who lodged it (the crew member), in at most 200 characters",
            "dite chi lo ha presentato (il membro dell'equipaggio), in al massimo 200 caratteri"),
    PROTEST_SUBJECT("say what it is about, in at most 500 characters", "dite di cosa si tratta, in al massimo 500 caratteri"),
    LEG_OF_THE_RACE("must be a leg of the race (1..{0})", "deve essere una tappa della gara (1..{0})"),
    TRIAL_NOT_IN_LEG("trial {0} is on leg {1}, not on leg {2}", "la prova {0} è nella tappa {1}, non nella tappa {2}"),
    LODGED_IN_THE_FUTURE("must not be later than now ({0})", "non può essere dopo adesso ({0})"),
    LODGED_LONG_AGO("must be within the last {0} days", "deve essere negli ultimi {0} giorni"),
    OUTCOME("must be UPHELD, REJECTED or WITHDRAWN", "deve essere UPHELD, REJECTED o WITHDRAWN"),
    RULINGS_ONLY_UPHELD("only an upheld protest leads to rulings", "solo un reclamo accolto porta a provvedimenti"),
    AT_MOST_RULINGS("at most {0} rulings", "al massimo {0} provvedimenti"),
    PROTEST_TOO_LATE("the protest window of {0} closed at {1}; this protest was lodged at {2}",
            "il termine per i reclami su {0} è scaduto alle {1}; questo reclamo è stato presentato alle {2}"),
    LIST_OFFICIAL("{0} is official since {1}: no protest can be lodged against it any more",
            "{0} è ufficiale dalle {1}: non si possono più presentare reclami"),
    PROTEST_DECIDED("protest {0} was decided already: {1} by {2} at {3}", "il reclamo {0} è già stato deciso: {1} da {2} alle {3}"),
    THE_LEG("leg {0}", "la tappa {0}"),
    THE_WHOLE_RACE("the race", "la gara"),

    // a list's parameters
    LIST_KIND("list must be overall, leg, ladies, category, trophy or teams",
            "\"list\" deve essere overall, leg, ladies, category, trophy o teams"),
    CATEGORY_NEEDED("list=category needs category=…", "list=category richiede category=…"),
    LEG_NEEDED("list=leg needs leg=n, a leg of the race (1..{0})", "list=leg richiede leg=n, una tappa della gara (1..{0})"),
    TROPHY_NEEDED("list=trophy needs trophy=…, one of {0}", "list=trophy richiede trophy=…, uno tra {0}"),
    AFTER_TRIAL("afterTrial must be a trial of the race, e.g. {0}", "afterTrial deve essere una prova della gara, per esempio {0}"),
    CUMULATIVE_TRUE_OR_FALSE("must be true or false", "deve essere true o false"),
    COMPACT_TRUE_OR_FALSE("compact is true or false", "\"compact\" vale true o false"),
    PARAMETER_WHOLE_NUMBER("{0} must be a whole number", "{0} deve essere un numero intero"),
    PARAMETER_INSTANT("{0} must be an ISO-8601 instant with its offset, e.g. 2023-06-13T12:00:00Z",
            "{0} deve essere un istante ISO-8601 con il suo fuso, per esempio 2023-06-13T12:00:00Z"),
    LANG_IT_OR_EN("lang must be it or en", "\"lang\" deve essere \"it\" o \"en\""),
    SEVERITY("severity must be ACTION or INFO", "\"severity\" deve essere ACTION o INFO"),
    STREAM_LIVE_ONLY("a stream follows the live list: ask GET …/standings for asOf or afterTrial",
            "uno stream segue la classifica in diretta: per asOf o afterTrial chiedete GET …/standings"),

    // the results' export
    EXPORT_TOO_OFTEN("the export of a whole race is taken at most {0} times a minute by one client: try again in {1} s",
            "l'esportazione di una gara intera si scarica al massimo {0} volte al minuto da uno stesso client: riprovate tra {1} s");

    private final String english;
    private final String italian;

    ClassificationPhrases(String english, String italian) {
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
