package io.regularity.timing.domain;

import io.regularity.support.Phrase;

/**
 * What timing says to a timing post or to race direction when it refuses a passage, a batch, a void or a restore, in
 * English and Italian. The titles, doors and words every service shares are service-support's SupportPhrases.
 */
public enum TimingPhrases implements Phrase {

    // titles
    INVALID_PASSAGE("Invalid passage", "Passaggio non valido"),
    INVALID_BATCH("Invalid batch", "Lotto non valido"),
    BATCH_TOO_LARGE("Batch too large", "Lotto troppo grande"),
    INVALID_VOID("Invalid void", "Annullamento non valido"),
    INVALID_RESTORE("Invalid restore", "Ripristino non valido"),
    UNKNOWN_RACE_TITLE("Unknown race", "Gara sconosciuta"),
    NOT_VOIDED("Not voided", "Non annullato"),
    INVALID_FIXES("Invalid fixes", "Posizioni non valide"),

    // what a count of problems is in ("3 problem(s) in the passage")
    THE_PASSAGE("passage", "passaggio"),

    // a passage, field by field (PassageParser)
    PASSAGE_NOT_OBJECT("a passage must be a JSON object", "un passaggio deve essere un oggetto JSON"),
    UNKNOWN_FIELD_OF_PASSAGE("unknown field; a passage takes {0}", "campo sconosciuto; un passaggio accetta {0}"),
    NOT_A_UUID("must be a UUID such as {0}", "deve essere un UUID come {0}"),
    WHOLE_NUMBER_BETWEEN("must be a whole number between {0} and {1}", "deve essere un numero intero da {0} a {1}"),
    BETWEEN("must be between {0} and {1}", "deve essere tra {0} e {1}"),
    MUST_BE_ONE_OF("must be one of {0}", "deve essere uno tra {0}"),
    TIME_TOO_FAR_AHEAD("is more than 24 h ahead of the server clock ({0})",
            "è più di 24 h avanti rispetto all'orologio del server ({0})"),
    TIME_TOO_EARLY("is before {0}: check the device's clock", "è precedente a {0}: controllate l'orologio del dispositivo"),
    NOT_AN_INSTANT("must be an ISO-8601 instant with an offset, e.g. {0}", "deve essere un istante ISO-8601 con il fuso, per esempio {0}"),
    WHOLE_MILLISECONDS("must be a whole number of milliseconds", "deve essere un numero intero di millisecondi"),
    OFFSET_AT_MOST_AN_HOUR("must be at most one hour ({0} ms) either way", "deve essere al massimo un'ora ({0} ms), in più o in meno"),
    MILLISECONDS("must be a number of milliseconds, e.g. 0.1 or 10", "deve essere un numero di millisecondi, per esempio 0.1 o 10"),
    MUST_BE_STRING("must be a string", "deve essere una stringa"),
    MUST_NOT_BE_BLANK("must not be blank", "non può essere vuoto"),
    AT_MOST_CHARACTERS("must be at most {0} characters", "deve avere al massimo {0} caratteri"),
    NO_CONTROL_CHARACTERS("must not contain control characters: {0}", "non può contenere caratteri di controllo: {0}"),

    // a passage against its race and what is stored (PassageService)
    BEFORE_FIRST_LEG("is more than a year before the race's first leg ({0}): check the device's clock",
            "è più di un anno prima della prima tappa della gara ({0}): controllate l'orologio del dispositivo"),
    STORED_WITH_OTHER_CONTENT("passage {0} is already stored with other content",
            "il passaggio {0} è già registrato con un contenuto diverso"),
    NEEDS_NEW_ID("{0}; a new crossing needs a new id", "{0}; un nuovo passaggio richiede un nuovo id"),
    REFUSED_BY_DATABASE("refused by the database: {0}", "rifiutato dal database: {0}"),
    UNKNOWN_RACE("unknown race {0} (route-service has not published it)", "gara {0} sconosciuta (route-service non l'ha pubblicata)"),
    PASSAGE_NOT_VOIDED("passage {0} is not voided", "il passaggio {0} non è annullato"),

    // a batch
    BATCH_NOT_ARRAY("the body must be a JSON array of passages (or {\"passages\": [...]})",
            "il corpo deve essere un array JSON di passaggi (o {\"passages\": [...]})"),
    MUST_BE_ARRAY("must be an array", "deve essere un array"),
    UNKNOWN_FIELD_OF_BATCH("unknown field; a batch takes passages", "campo sconosciuto; un lotto accetta solo \"passages\""),
    BATCH_UNKNOWN_FIELDS("the body has field(s) a batch does not know", "il corpo ha campi che un lotto non conosce"),
    BATCH_OVER("{0} passages in one batch; send at most {1}", "{0} passaggi in un solo lotto; inviatene al massimo {1}"),
    AT_MOST_ITEMS("at most {0} items", "al massimo {0} elementi"),

    // looking a passage up
    NO_PASSAGE_IN_RACE("no passage {0} in race {1}", "nessun passaggio {0} nella gara {1}"),
    NO_PASSAGE("no passage {0}", "nessun passaggio {0}"),
    STATUS_RECORDED_OR_VOIDED("status must be RECORDED or VOIDED", "\"status\" deve essere RECORDED o VOIDED"),

    // voiding and restoring
    SAY_WHY_VOIDED("say why the passage is voided", "indicate perché il passaggio viene annullato"),
    SAY_WHY_RESTORED("say why the void is undone", "indicate perché l'annullamento viene revocato"),
    REASON_REQUIRED("is required, at most 500 characters", "è obbligatorio, al massimo 500 caratteri"),

    // what a timekeeper's token allows
    TOKEN_OTHER_RACES("this timekeeper token may post to {0}, not to race {1}",
            "questo token da cronometrista può inviare passaggi a {0}, non alla gara {1}"),
    TOKEN_NO_DEVICE("this timekeeper token names no device: issue one with the post's device (or * for a relay)",
            "questo token da cronometrista non indica alcun dispositivo: emettetene uno con il dispositivo della postazione "
                    + "(o * per un inoltro da più postazioni)"),
    TOKEN_OTHER_DEVICE("this timekeeper token belongs to device {0}; passage {1} was recorded by device {2}",
            "questo token da cronometrista appartiene al dispositivo {0}; il passaggio {1} è stato registrato dal dispositivo {2}"),

    // a car's fixes (FixParser, FixResource)
    THE_FIXES("batch of fixes", "lotto di posizioni"),
    FIX_NOT_OBJECT("a fix must be a JSON object", "una posizione deve essere un oggetto JSON"),
    UNKNOWN_FIELD_OF_FIX("unknown field; a fix takes {0}", "campo sconosciuto; una posizione accetta {0}"),
    NUMBER_FROM_TO("must be a number from {0} to {1}", "deve essere un numero da {0} a {1}"),
    NUMBER_FROM_BELOW("must be a number from {0} to less than {1}", "deve essere un numero da {0} a meno di {1}"),
    ABOVE_ZERO_UP_TO("must be a number above 0, at most {0}", "deve essere un numero maggiore di 0, al massimo {0}"),
    FIXES_NOT_ARRAY("the body must be a JSON array of fixes", "il corpo deve essere un array JSON di posizioni"),
    FIXES_OVER("{0} fixes in one batch; send at most {1}", "{0} posizioni in un solo lotto; inviatene al massimo {1}"),
    CAR_IN_PATH("the car in the address must be a whole number from 1 to {0}",
            "la vettura nell'indirizzo deve essere un numero intero da 1 a {0}"),
    FIXES_NOT_ACKNOWLEDGED("Kafka did not acknowledge the fixes within {0} s: none is lost, send the same batch again",
            "Kafka non ha confermato le posizioni entro {0} s: nessuna è persa, inviate di nuovo lo stesso lotto"),

    // what a crew's token allows
    TOKEN_CREW_OTHER_RACE("this crew token is for race(s) {0}, not for race {1}",
            "questo token d'equipaggio è per la gara {0}, non per la gara {1}"),
    TOKEN_NO_CAR("this crew token names no car: issue one with the crew's car (POST …/devices with {\"device\", \"car\"})",
            "questo token d'equipaggio non indica alcuna vettura: emettetene uno con la vettura dell'equipaggio (POST …/devices con {\"device\", \"car\"})"),
    TOKEN_OTHER_CAR("this crew token is car {0}'s; it may not send the fixes of car {1}",
            "questo token d'equipaggio è della vettura {0}; non può inviare le posizioni della vettura {1}");

    private final String english;
    private final String italian;

    TimingPhrases(String english, String italian) {
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
