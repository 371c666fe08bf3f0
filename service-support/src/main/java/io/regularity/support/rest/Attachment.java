package io.regularity.support.rest;

/**
 * A download's {@code Content-Disposition}: the file name keeps letters, digits, '.', '_' and '-', anything else
 * becomes '_'. A name made from a request (a race id) can then neither end the header, add a parameter of its own
 * ({@code "; filename="evil.bat}) nor name a path.
 */
public final class Attachment {

    private Attachment() {
    }

    public static String disposition(String filename) {
        return "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
    }
}
