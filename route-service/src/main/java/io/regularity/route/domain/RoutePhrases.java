package io.regularity.route.domain;

import io.regularity.support.Phrase;

/**
 * What route says to race direction when it refuses a race definition, a route spreadsheet, a change, a publication or a
 * device, in English and Italian. The titles, doors and words every service shares are service-support's
 * SupportPhrases.
 */
public enum RoutePhrases implements Phrase {

    // titles
    INVALID_RACE_TITLE("Invalid race definition", "Definizione di gara non valida"),
    DEFINITION_TOO_LARGE_TITLE("Definition too large", "Definizione troppo grande"),
    STALE_REVISION_TITLE("Stale revision", "Revisione superata"),
    NOT_PUBLISHABLE_TITLE("Not publishable yet", "Non ancora pubblicabile"),
    DEVICE_TAKEN_TITLE("Device taken", "Dispositivo già assegnato"),

    // what a count of problems is in ("3 problem(s) in the race definition")
    THE_RACE_DEFINITION("race definition", "definizione di gara"),

    // races, legs, trials, revisions not found
    NO_RACE("no race {0}", "la gara {0} non esiste"),
    RACE_HAS_NO_LEG("race {0} has no leg {1}", "la gara {0} non ha la tappa {1}"),
    RACE_HAS_NO_TRIAL("race {0} has no trial {1}", "la gara {0} non ha la prova {1}"),
    RACE_HAS_NO_REVISION("race {0} has no revision {1}", "la gara {0} non ha la revisione {1}"),
    REVISION_WITHOUT_DEFINITION("revision {0} of race {1} was saved before revisions kept their definition: compare later ones",
            "la revisione {0} della gara {1} è stata salvata prima che le revisioni conservassero la definizione: confrontate revisioni successive"),

    // the request
    RACE_DEFINITION_REQUIRED("a race definition is required", "serve una definizione di gara"),
    FILE_NOT_UTF8("the file is not UTF-8 (accents would be lost): in Excel, save it as \"CSV UTF-8\"",
            "il file non è in UTF-8 (gli accenti andrebbero persi): in Excel salvatelo come \"CSV UTF-8\""),
    IF_MATCH_REVISION("If-Match must carry a revision such as \"3\"", "If-Match deve indicare una revisione, per esempio \"3\""),
    TWO_REVISIONS_NEEDED("two revisions to compare are needed", "servono due revisioni da confrontare"),
    SAY_OLDER_REVISION("say the older revision, e.g. ?from=1&to=3", "indicate la revisione più vecchia, per esempio `?from=1&to=3`"),
    SAY_NEWER_REVISION("say the newer revision, e.g. ?from=1&to=3", "indicate la revisione più recente, per esempio `?from=1&to=3`"),
    TOWN_NAME_REQUIRED("name=… is required (1 to 100 characters), e.g. /api/towns?name=provaglio",
            "`name=…` è obbligatorio (da 1 a 100 caratteri), per esempio `/api/towns?name=provaglio`"),

    // the service: size, revision, publication, a trial's patch
    DEFINITION_TOO_LARGE("this definition makes a RaceDefined event of {0} bytes; the route-events topic carries at most {1} "
            + "(shorten the town descriptions, or split the race)",
            "questa definizione produce un evento RaceDefined di {0} byte; il topic route-events ne porta al massimo {1} "
                    + "(accorciate le descrizioni delle località, o dividete la gara)"),
    STALE_REVISION("the race was changed meanwhile: current revision is {0}; reload and apply your change again",
            "la gara è stata modificata nel frattempo: la revisione attuale è la {0}; ricaricatela e ripetete la modifica"),
    TRIALS_STILL_OPEN("{0} has trials still open: {1}; close them first", "{0} ha prove ancora aperte: {1}; chiudetele prima"),
    THE_RACE("the race", "la gara"),
    ALREADY_PUBLISHED("{0} is already published as official; a change to the race un-publishes it, then post it again",
            "{0} è già pubblicata come ufficiale; una modifica alla gara la ritira, poi affiggetela di nuovo"),
    PROTEST_MINUTES_RANGE("must be a number of minutes from 0 (no protests) to 1440", "deve essere un numero di minuti da 0 (nessun reclamo) a 1440"),
    NAME_TOO_LONG("at most {0} characters", "al massimo {0} caratteri"),
    LEG_N("leg {0}", "la tappa {0}"),
    ONLY_PC_HAS_TARGET("only a PC has a target time; {0} is a {1}", "solo le PC hanno un tempo imposto; {0} è di tipo {1}"),
    ONLY_PM_HAS_AVERAGE("only a PM has an average speed; {0} is a {1}", "solo le PM hanno una media; {0} è di tipo {1}"),
    ONLY_CO_HAS_DURATION("only a CO has a duration; {0} is a {1}", "solo i CO hanno una durata; {0} è di tipo {1}"),
    SAY_WHAT_CHANGES("say what changes: status, targetMs, averageKmh or durationMinutes",
            "dite cosa cambia: `status`, `targetMs`, `averageKmh` o `durationMinutes`"),

    // devices
    SAY_DEVICE_AND_POST("say which device and which post: {\"device\": \"tk-17\", \"point\": \"L1-P01\"}",
            "dite quale dispositivo e quale postazione: {\"device\": \"tk-17\", \"point\": \"L1-P01\"}"),
    POST_OR_CAR("say the post (point) or the crew's car (car) the device is for: {\"device\": \"crew-48\", \"car\": 48}",
            "dite la postazione (point) o la vettura dell'equipaggio (car) a cui va il dispositivo: {\"device\": \"crew-48\", \"car\": 48}"),
    POST_AND_CAR("a device is for a post (point) or for a crew's car (car), not both",
            "un dispositivo va a una postazione (point) o alla vettura di un equipaggio (car), non a entrambe"),
    CAR_NUMBER("must be a car's number: a whole number from 1 to {0}", "deve essere il numero di una vettura: un intero da 1 a {0}"),
    DEVICE_TAKEN_BY_CAR("device {0} has a token for car {1} until {2}: revoke it first (DELETE …/devices/{0})",
            "il dispositivo {0} ha un token per la vettura {1} fino a {2}: revocatelo prima (DELETE …/devices/{0})"),
    DEVICE_NAME_RULE("name the device: 1-64 letters, digits, '.', '_' or '-' (e.g. tk-17)",
            "date un nome al dispositivo: da 1 a 64 lettere, cifre, '.', '_' o '-' (per esempio tk-17)"),
    POINT_NOT_OF_RACE("must be a timing point of the race (GET …/posts lists them)",
            "deve essere un punto di cronometraggio della gara (li elenca GET …/posts)"),
    DEVICE_TAKEN("device {0} has a token for post {1} until {2}: revoke it first (DELETE …/devices/{0})",
            "il dispositivo {0} ha un token per la postazione {1} fino a {2}: revocatelo prima (DELETE …/devices/{0})"),
    NO_DEVICE_WITH_TOKEN("race {0} has no device {1} with a token that counts", "la gara {0} non ha un dispositivo {1} con un token valido"),
    NO_DEVICE("race {0} has no device {1}", "la gara {0} non ha il dispositivo {1}"),

    // a definition, field by field (RaceValidator)
    MUST_EQUAL_PATH_ID("must equal the race id in the path ({0})", "deve coincidere con l'id della gara nel percorso ({0})"),
    MUST_NOT_BE_BLANK("must not be blank", "non può essere vuoto"),
    YEAR_RANGE("must be a year between 1900 and 2200", "deve essere un anno tra il 1900 e il 2200"),
    UNKNOWN_TIME_ZONE("unknown time zone {0}", "fuso orario sconosciuto {0}"),
    NEEDS_A_LEG("a race needs at least one leg", "una gara ha bisogno di almeno una tappa"),
    UNKNOWN_TRIAL("unknown trial {0}", "prova sconosciuta {0}"),
    MODEL_VALUES("must be PENALTIES or POINTS", "deve essere PENALTIES o POINTS"),
    BETWEEN("must be between {0} and {1}", "deve essere tra {0} e {1}"),
    LEGS_NUMBERED("legs must be numbered 1..n in order: expected {0}", "le tappe vanno numerate da 1 a n in ordine: qui va {0}"),
    ISO_DATE("must be an ISO date such as 2024-06-15", "deve essere una data ISO come 2024-06-15"),
    ZERO_OR_MORE("must be 0 or more", "deve essere 0 o più"),
    TOWNS_KM_BACKWARDS("towns must be in route order: km goes backwards ({0} < {1})",
            "le località vanno in ordine di percorso: i km tornano indietro ({0} < {1})"),
    LATITUDE("latitude must be between -90 and 90", "la latitudine deve essere tra -90 e 90"),
    LONGITUDE("longitude must be between -180 and 180", "la longitudine deve essere tra -180 e 180"),
    BEARING_RANGE("the road's heading at the line, in degrees clockwise from north: from 0 to less than 360",
            "la direzione della strada sulla linea, in gradi in senso orario dal nord: da 0 a meno di 360"),
    LINE_WIDTH_RANGE("the line's width across the road, in metres: from {0} to {1}",
            "la larghezza della linea attraverso la strada, in metri: da {0} a {1}"),
    LAPS_RANGE("must be a whole number of laps from 1 to {0}", "deve essere un numero intero di giri da 1 a {0}"),
    TIMING_POINT_ID_RULE("timing point id must be 1-64 letters, digits, '.', '_' or '-'",
            "l'id di un punto di cronometraggio ha da 1 a 64 lettere, cifre, '.', '_' o '-'"),
    DUPLICATE_TIMING_POINT("duplicate timing point id {0}", "id di punto di cronometraggio ripetuto {0}"),
    UNKNOWN_TIMING_POINT("unknown timing point {0}", "punto di cronometraggio sconosciuto {0}"),
    MUST_NAME_TIMING_POINT("must name a timing point", "deve indicare un punto di cronometraggio"),
    MUST_BE_OBJECT("must be an object, not null", "deve essere un oggetto, non `null`"),
    TRIAL_ID_RULE("trial id must be 1-64 letters, digits, '.', '_' or '-'", "l'id di una prova ha da 1 a 64 lettere, cifre, '.', '_' o '-'"),
    DUPLICATE_TRIAL("duplicate trial id {0}", "id di prova ripetuto {0}"),
    STATUS_VALUES("must be OPEN, CLOSED or NEUTRALISED", "deve essere OPEN, CLOSED o NEUTRALISED"),
    TYPE_VALUES("must be PC, PM, CO or CT", "deve essere PC, PM, CO o CT"),
    FINISH_DIFFERS("must differ from start", "deve essere diverso da `start`"),
    FINISH_DIFFERS_OR_LATER_LAP("must differ from start, or be on a later lap", "deve essere diverso da `start`, o su un giro successivo"),
    TARGET_POSITIVE("target must be positive", "il tempo imposto deve essere positivo"),
    AVERAGE_POSITIVE("average speed must be positive", "la media deve essere positiva"),
    PM_NEEDS_DETECTION("a PM needs at least one secret detection", "una PM ha bisogno di almeno un rilevamento segreto"),
    DETECTION_DISTANCES("detection distances must be positive and increasing",
            "le distanze dei rilevamenti devono essere positive e crescenti"),
    MUST_BE_POSITIVE("must be positive", "deve essere positivo"),
    RESOLUTION_VALUES("must be HUNDREDTH, TENTH or SECOND", "deve essere HUNDREDTH, TENTH o SECOND"),
    ONLY_PM_HAS_BANDS("only a PM has averages by band; this is a {0}", "solo le PM hanno medie per fascia; questa è di tipo {0}"),
    ONLY_CO_HAS_BANDS("only a CO has durations by band; this is a {0}", "solo i CO hanno durate per fascia; questa è di tipo {0}"),
    BAND_NAME_RULE("a band's name is 1 to {0} characters, without spaces around it or control characters (e.g. HIGH)",
            "il nome di una fascia ha da 1 a {0} caratteri, senza spazi attorno né caratteri di controllo (per esempio HIGH)"),
    BAND_AVERAGE_RANGE("a band's average must be above 0 and at most {0} km/h", "la media di una fascia deve essere oltre 0 e al massimo {0} km/h"),
    BAND_DURATION_RANGE("a band's duration must be a whole number of minutes from 1 to {0}",
            "la durata di una fascia deve essere un numero intero di minuti da 1 a {0}"),
    CO_FROM_EARLIER("must name an earlier CO of the same leg", "deve indicare un CO precedente della stessa tappa"),

    // laps (RaceValidator) and order (RouteOrder)
    NOT_A_CIRCUIT("this leg is not a circuit (it has no laps): leave {0} out, or 1",
            "questa tappa non è un circuito (non ha giri): omettete {0}, o mettete 1"),
    LAP_RANGE_ON_LINE("must be a lap from 1 to {0}, or {1} on the lap line (the crossing that ends the last lap)",
            "deve essere un giro da 1 a {0}, o {1} sulla linea del giro (il passaggio che chiude l'ultimo giro)"),
    LAP_RANGE("must be a lap from 1 to {0} (only the lap line has a lap {1}, the crossing that ends the last lap)",
            "deve essere un giro da 1 a {0} (solo la linea del giro ha un giro {1}, il passaggio che chiude l'ultimo giro)"),
    LAP_IN_LAP("a {0} says its lap in lap", "una prova {0} indica il giro in `lap`"),
    ONLY_PC_FINISH_LAP("only a PC has a finishLap", "solo le PC hanno `finishLap`"),
    LAPS_IN_START_LAP("a {0} says its laps in startLap", "una prova {0} indica i giri in `startLap`"),
    LAPS_IN_START_AND_FINISH_LAP("a {0} says its laps in startLap and finishLap", "una prova {0} indica i giri in `startLap` e `finishLap`"),
    CIRCUIT_NEEDS_LINE("a circuit (laps above 1) needs its lap line: name it as startPoint",
            "un circuito (`laps` oltre 1) ha bisogno della linea del giro: indicatela come `startPoint`"),
    LINE_FIRST("on a circuit the lap line {0} comes first in timingPoints (circuit order)",
            "su un circuito la linea del giro {0} viene prima in `timingPoints` (ordine del circuito)"),
    LINE_AT_ZERO("the lap line is at km 0: the circuit's km are measured from it",
            "la linea del giro è al km 0: i km del circuito si misurano da lì"),
    CIRCUIT_KM("on a circuit every timing point has its km from the lap line, increasing in circuit order",
            "su un circuito ogni punto di cronometraggio ha i suoi km dalla linea del giro, crescenti nell'ordine del circuito"),
    CIRCUIT_KM_AFTER("on a circuit every timing point has its km from the lap line, increasing in circuit order ({0} after {1})",
            "su un circuito ogni punto di cronometraggio ha i suoi km dalla linea del giro, crescenti nell'ordine del circuito ({0} dopo {1})"),
    IN_CIRCUIT_ORDER("in circuit order (lap, then place on the lap)", "nell'ordine del circuito (giro, poi posizione nel giro)"),
    IN_ROUTE_ORDER("in the leg's route order", "nell'ordine di percorso della tappa"),
    FINISH_AFTER_START("the finish line must come after the start line {0}", "la linea d'arrivo deve venire dopo la linea di partenza {0}"),
    FINISH_AFTER_START_LAP_ONE("the finish line must come after the start line {0} (finishLap is 1 when not given)",
            "la linea d'arrivo deve venire dopo la linea di partenza {0} (`finishLap` vale 1 se non indicato)"),
    CHAIN_MEET("a chain's lines must meet: {0} starts where {1} finishes, so it must come right after it",
            "le linee di una catena devono coincidere: {0} parte dove finisce {1}, quindi deve venire subito dopo"),
    DETECTION_AFTER_START("a detection must come after the PM start {0}", "un rilevamento deve venire dopo la partenza della PM {0}"),
    DETECTIONS_FOLLOW("detections must follow one another {0}", "i rilevamenti devono susseguirsi {0}"),

    // the route spreadsheet (RaceSheet, SheetRow, SheetLegs, SheetLocations)
    AT_ROW("row {0}: {1}", "riga {0}: {1}"),
    AT_ROW_COLUMN("row {0}, column {1}: {2}", "riga {0}, colonna {1}: {2}"),
    HEADER_MISSING("the header row is missing ({0})", "manca la riga d'intestazione ({0})"),
    UNKNOWN_COLUMN("unknown column \"{0}\" (the columns are {1})", "colonna sconosciuta \"{0}\" (le colonne sono {1})"),
    HEADER_LACKS_RECORD("the header lacks the column record", "nell'intestazione manca la colonna `record`"),
    SAY_RECORD("say what the row is: race, scoring, leg, town, point, trial, detection or trophy",
            "dite cos'è la riga: race, scoring, leg, town, point, trial, detection o trophy"),
    SECOND_RACE_ROW("a second race row (the first is row {0})", "una seconda riga race (la prima è la riga {0})"),
    UNKNOWN_RECORD("unknown record \"{0}\": it is race, scoring, leg, town, point, trial, detection or trophy",
            "record sconosciuto \"{0}\": può essere race, scoring, leg, town, point, trial, detection o trophy"),
    NO_RACE_ROW("no race row: say the race's id, name and year on a row whose record is race",
            "manca la riga race: indicate `id`, `name` e `year` della gara su una riga con `record` race"),
    WHOLE_NUMBER_NOT("must be a whole number, not \"{0}\"", "deve essere un numero intero, non \"{0}\""),
    DECIMAL_NOT("must be a number such as 25.4 (or 25,4), not \"{0}\"", "deve essere un numero come 25,4 (o 25.4), non \"{0}\""),
    YES_OR_NO_NOT("must be yes or no (sì, true, 1; no, false, 0), not \"{0}\"", "deve essere `sì` o `no` (`yes`, `true`, `1`; `false`, `0`), non \"{0}\""),
    WHOLE_NUMBERS_NOT("must be whole numbers separated by spaces (420 395 380 …), not \"{0}\"",
            "devono essere numeri interi separati da spazi (420 395 380 …), non \"{0}\""),
    BANDS_NOT("must be bands and their values such as HIGH=50; LOW=40, not \"{0}\"",
            "devono essere fasce con i loro valori, come HIGH=50; LOW=40, non \"{0}\""),
    LEG_ROW_NEEDS_NUMBER("a leg row needs its number", "una riga leg ha bisogno del suo numero"),
    LEG_ROW_TWICE("leg {0} has a row already (row {1})", "la tappa {0} ha già una riga (riga {1})"),
    DETECTION_NAMES_PM("a detection names its PM in id: {0}", "un rilevamento indica la sua PM in `id`: {0}"),
    ID_EMPTY("it is empty", "è vuoto"),
    NO_PM_ABOVE("no PM {0} on leg {1} above this row", "nessuna PM {0} sulla tappa {1} sopra questa riga"),
    SAY_WHICH_LEG("say which leg this row belongs to", "dite a quale tappa appartiene questa riga"),
    NO_LEG_ABOVE("no leg {0} above this row: a leg's row comes before its towns, points and trials",
            "nessuna tappa {0} sopra questa riga: la riga di una tappa viene prima delle sue località, punti e prove"),
    COLUMN_POINT_ROWS("record (its point rows)", "record (le sue righe point)"),
    COLUMN_DETECTION_ROWS("record (its detection rows)", "record (le sue righe detection)"),
    COLUMN_LEG_ROWS("record (its leg rows)", "record (le sue righe leg)");

    private final String english;
    private final String italian;

    RoutePhrases(String english, String italian) {
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
