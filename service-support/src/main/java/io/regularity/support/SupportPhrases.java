package io.regularity.support;

/**
 * What every service says in the same words: the problems' titles, the doors every request passes (an address, a
 * body's size, its JSON, paging) and the text a request may carry. A service's own words are its own catalog.
 */
public enum SupportPhrases implements Phrase {

    // titles
    INVALID_REQUEST("Invalid request", "Richiesta non valida"),
    NOT_FOUND("Not Found", "Non trovato"),
    CONFLICT("Conflict", "Conflitto"),
    MALFORMED_JSON("Malformed JSON", "JSON non valido"),
    PAYLOAD_TOO_LARGE("Payload too large", "Corpo troppo grande"),
    TOO_MANY_REQUESTS("Too many requests", "Troppe richieste"),
    UNAUTHORIZED("Unauthorized", "Non autorizzato"),
    FORBIDDEN("Forbidden", "Vietato"),
    SERVICE_UNAVAILABLE("Service Unavailable", "Servizio non disponibile"),
    INTERNAL_ERROR("Internal error", "Errore interno"),
    METHOD_NOT_ALLOWED("Method Not Allowed", "Metodo non consentito"),
    NOT_ACCEPTABLE("Not Acceptable", "Formato non disponibile"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported Media Type", "Tipo di contenuto non supportato"),
    REFUSED("Refused", "Rifiutata"),

    // details every service gives
    PROBLEMS_IN("{0} problem(s) in the {1}", "problemi da correggere: {0} ({1})"),
    IS_REQUIRED("is required", "è obbligatorio"),
    NO_SUCH_ADDRESS("nothing here: {0} is not an address of this service", "niente qui: {0} non è un indirizzo di questo servizio"),
    METHOD_NOT_TAKEN("{0} does not take this method", "{0} non accetta questo metodo"),
    NOT_ACCEPTABLE_DETAIL("{0} cannot answer in the format asked for (Accept)", "{0} non può rispondere nel formato richiesto (Accept)"),
    MEDIA_TYPE_NOT_TAKEN("{0} does not read a body of this type (Content-Type)", "{0} non legge un corpo di questo tipo (Content-Type)"),
    REQUEST_REFUSED("the request was refused ({0})", "la richiesta è stata rifiutata ({0})"),
    TOKEN_NEEDED("this write needs a bearer token (Authorization: Bearer …) with the right role",
            "questa scrittura richiede un token (Authorization: Bearer …) con il ruolo giusto"),
    TOKEN_REVOKED("this device's token was revoked by race direction: ask for a new device",
            "il token di questo dispositivo è stato revocato dalla direzione gara: chiedetene uno nuovo"),
    TOKEN_INVALID("the bearer token is invalid or has expired", "il token non è valido o è scaduto"),
    ROLE_NOT_ALLOWED("your token's role does not allow this write", "il ruolo del vostro token non consente questa scrittura"),
    DATABASE_UNAVAILABLE("the database is unavailable for a moment; nothing was stored, retry shortly",
            "il database non è disponibile per un momento; nulla è stato salvato, riprovate tra poco"),
    UNEXPECTED("the server could not complete the request", "il server non ha potuto completare la richiesta"),

    // the body's JSON
    BODY_NOT_JSON("the body is not valid JSON for this endpoint", "il corpo non è un JSON valido per questo indirizzo"),
    UNREADABLE("cannot be read: {0}", "non si legge: {0}"),
    NOT_A("{0} is not {1}", "{0} non è {1}"),
    MUST_BE("must be {0}", "deve essere {0}"),
    A_LIST("a list [ … ]", "una lista [ … ]"),
    AN_OBJECT("an object { … }", "un oggetto { … }"),
    A_TEXT("a text in quotes", "un testo tra virgolette"),
    A_WHOLE_NUMBER("a whole number", "un numero intero"),
    A_NUMBER("a number", "un numero"),
    TRUE_OR_FALSE("true or false", "true o false"),
    AN_INSTANT("an ISO-8601 instant with its offset, e.g. 2023-06-13T12:00:00Z",
            "un istante ISO-8601 con il suo fuso, per esempio 2023-06-13T12:00:00Z"),
    A_DATE("a date such as 2023-06-13", "una data come 2023-06-13"),
    ONE_OF("one of {0}", "uno tra {0}"),
    A_VALUE_OF("a value of type {0}", "un valore di tipo {0}"),
    UNKNOWN_FIELDS("the body has field(s) this endpoint does not know: {0}", "il corpo ha campi che questo indirizzo non conosce: {0}"),
    UNKNOWN_FIELD("unknown field", "campo sconosciuto"),
    UNKNOWN_FIELD_TAKES("unknown field; this object takes {0}", "campo sconosciuto; questo oggetto accetta {0}"),

    // sizes and pages
    BODY_TOO_LARGE("the body has {0} bytes; at most {1} are accepted{2}", "il corpo ha {0} byte; se ne accettano al massimo {1}{2}"),
    BODY_OVER("the body has more than {0} bytes; at most {0} are accepted{1}", "il corpo ha più di {0} byte; se ne accettano al massimo {0}{1}"),
    BAD_PAGING("bad paging", "paginazione non valida"),
    PAGING_RANGE("page must be between 0 and {0} and size between 1 and {1}", "page va da 0 a {0} e size da 1 a {1}"),

    // a spreadsheet that cannot be read
    CSV_UNREADABLE("row {0}: cannot be read as CSV (a quoted cell that is never closed?)",
            "riga {0}: non si legge come CSV (una cella tra virgolette mai chiusa?)"),
    NOT_A_WORKBOOK("not an Excel workbook (.xlsx): {0}", "non è una cartella di lavoro Excel (.xlsx): {0}"),
    NO_SHEET("it has no sheet", "non ha fogli"),
    SAVE_AS_XLSX("save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\"",
            "salvatela da Excel o LibreOffice come \"Cartella di lavoro di Excel (.xlsx)\""),
    WORKBOOK_TOO_LARGE("the workbook unpacks to more than {0} MB", "la cartella di lavoro decompressa supera {0} MB"),
    SHARED_STRINGS_UNREADABLE("the workbook's shared strings cannot be read: {0}", "i testi condivisi della cartella di lavoro non si leggono: {0}"),
    SHEET_UNREADABLE("the workbook's first sheet cannot be read: {0}", "il primo foglio della cartella di lavoro non si legge: {0}"),
    ROW_NOT_A_NUMBER("row \"{0}\" is not a row number from 1 to 1,048,576", "la riga \"{0}\" non è un numero di riga da 1 a 1.048.576"),
    ROW_PAST_LAST("row {0} is past a sheet's last row, 1,048,576", "la riga {0} va oltre l'ultima riga di un foglio, 1.048.576"),
    ROW_OUT_OF_ORDER("row {0} comes after row {1}: a sheet's rows are in order", "la riga {0} viene dopo la riga {1}: le righe di un foglio sono in ordine"),
    CELL_PAST_LAST_COLUMN("cell {0} is past a sheet's last column, XFD (16,384 columns)",
            "la cella {0} va oltre l'ultima colonna di un foglio, XFD (16.384 colonne)"),
    CELL_PAST_LAST_ROW("cell {0} is past a sheet's last row, 1,048,576", "la cella {0} va oltre l'ultima riga di un foglio, 1.048.576"),
    CELL_OUT_OF_ORDER("cell {0} comes after cell {1}: a row's cells are in order", "la cella {0} viene dopo la cella {1}: le celle di una riga sono in ordine"),
    CELL_NOT_A_REFERENCE("cell \"{0}\" is not a cell reference such as B7", "la cella \"{0}\" non è un riferimento come B7"),
    TOO_MANY_CELLS("it has more than 1,000,000 cells, counting the empty ones before the last of each row",
            "ha più di 1.000.000 di celle, contando le vuote prima dell'ultima di ogni riga"),

    // the text an address or a body may carry
    RACE_ID_RULE("a race id is 1 to 64 letters (A-Z, a-z), digits, '.', '_' or '-', starting with a letter or a digit",
            "l'id di una gara ha da 1 a 64 lettere (A-Z, a-z), cifre, '.', '_' o '-', e inizia con una lettera o una cifra"),
    PATH_WRONG("the path {0}", "il percorso {0}"),
    QUERY_WRONG("the query parameter {0}", "il parametro {0}"),
    TEXT_WRONG("the text {0}", "il testo {0}"),
    NOT_UTF8("is not UTF-8 text (percent-encoding)", "non è testo UTF-8 (codifica percentuale)"),
    CONTROL_CHARACTER("holds a control character (U+{0})", "contiene un carattere di controllo (U+{0})"),
    NON_CHARACTER("holds a non-character (U+{0})", "contiene un non-carattere (U+{0})"),
    HALF_SURROGATE("holds half of a surrogate pair", "contiene metà di una coppia surrogata");

    private final String english;
    private final String italian;

    SupportPhrases(String english, String italian) {
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
