package io.regularity.classification.rest.pdf;

import io.regularity.support.Phrase;

/** What the papers say, in English and Italian: their headings, columns and footers. */
public enum PaperWords implements Phrase {

    // the status of a list
    PROVISIONAL("Provisional classification", "Classifica provvisoria"),
    FINAL("Official classification", "Classifica ufficiale"),
    PROTESTS_UNTIL("protests until {0}", "reclami fino alle {0}"),
    POSTED_AT("Posted on {0} by {1}", "Esposta il {0} da {1}"),
    PUBLISHED_AT("Published on {0} by {1}", "Pubblicata il {0} da {1}"),
    COMPUTED_AT("Computed on {0}, after trial {1}", "Calcolata il {0}, dopo la prova {1}"),
    COMPUTED_AT_NO_TRIAL("Computed on {0}, before any trial", "Calcolata il {0}, prima di ogni prova"),
    REPLAYED("as it stood on {0}", "com'era il {0}"),
    AFTER_TRIAL("up to trial {0}", "fino alla prova {0}"),
    CLERK_OF_COURSE("Clerk of the course", "Il Direttore di gara"),
    CHIEF_TIMEKEEPER("Chief timekeeper", "Il Capo cronometrista"),

    // the lists
    LIST_OVERALL("Overall classification", "Classifica assoluta"),
    LIST_LEG("Leg {0}", "Tappa {0}"),
    LIST_LEG_CUMULATIVE("Leg {0}, cumulative", "Tappa {0}, cumulativa"),
    LIST_LADIES("Ladies' classification", "Classifica femminile"),
    LIST_CATEGORY("Category {0}", "Categoria {0}"),
    LIST_TROPHY("Trophy {0}", "Trofeo {0}"),
    LIST_TEAMS("Teams' classification", "Classifica scuderie"),
    ALL_TROPHIES("Trophy", "Trofeo"),

    // the columns
    POS("Rank", "Pos."),
    NO("No.", "N."),
    CREW("Crew", "Equipaggio"),
    CAR("Car", "Vettura"),
    COEFFICIENT("Coef.", "Coeff."),
    POINTS("Points", "Punti"),
    PENALTIES("Penalties", "Penalità"),
    TRIALS("Trials", "Prove"),
    GAP("Gap", "Distacco"),
    STATE("State", "Stato"),
    TEAM("Team", "Scuderia"),
    CARS("Cars", "Vetture"),
    TRIAL("Trial", "Prova"),
    TYPE("Type", "Tipo"),
    LEG("Leg", "Tappa"),
    PENALTY("Penalty", "Penalità"),
    TIME("Time", "Ora"),
    REASON("Reason", "Motivo"),
    OUTCOME("Outcome", "Esito"),
    WHO("Who", "Chi"),
    NOTE("Notes", "Note"),

    // states
    RUNNING("running", "in gara"),
    RETIRED("retired", "ritirato"),
    EXCLUDED("excluded", "escluso"),
    MEASURED("measured", "rilevata"),
    PENDING("pending", "in attesa"),
    MISSED("missed", "mancata"),
    NEUTRALISED("neutralised", "neutralizzata"),
    ASSIGNED("assigned", "assegnata"),

    // a crew's results
    RESULTS_OF("Results of car {0}", "Risultati della vettura {0}"),
    RANK_SCORE("Overall position {0}, {1} {2}", "Posizione assoluta {0}, {1} {2}"),
    NOT_RANKED("not ranked", "non classificato"),

    // the certificate
    CERTIFICATE("Certificate of classification", "Certificato di classifica"),
    CERTIFIES("The race direction certifies that the crew of car {0}", "La Direzione gara certifica che l'equipaggio della vettura {0}"),
    CLASSIFIED("was classified as follows in {0} ({1}):", "si è classificato come segue in {0} ({1}):"),
    SCORE("Score", "Punteggio"),
    POSITION("Position", "Posizione"),
    CLASSIFICATION("Classification", "Classifica"),
    OF_N("of {0}", "su {0}"),

    // the register
    REGISTER("Register of checks", "Registro delle verifiche"),
    IMPEDED("impeded", "ostacolato"),
    TIMING("timing", "cronometraggio"),
    EQUIPMENT("equipment", "apparecchiature"),
    CONFIRMED("time confirmed", "tempo confermato"),
    CORRECTED("corrected", "corretto"),
    AVERAGE_ASSIGNED("average assigned", "media assegnata"),
    NO_CHECKS("No checks recorded.", "Nessuna verifica registrata."),

    // the footer
    PAGE("Page {0} of {1}", "Pagina {0} di {1}"),
    DIGEST("Digest of the facts: {0}", "Impronta dei dati: {0}"),
    VERIFY("Verify: {0}", "Verifica: {0}"),
    REVISION("route revision {0}", "revisione del percorso {0}");

    private final String english;
    private final String italian;

    PaperWords(String english, String italian) {
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
