package io.regularity.support;

import java.util.Locale;

/** The reader's language: Italian or English, the two the services speak. */
public enum Lang {
    EN, IT;

    /** {@code ?lang=} first, then the first language of {@code Accept-Language} this knows; English otherwise. */
    public static Lang of(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return lang.trim().toLowerCase(Locale.ROOT).startsWith("it") ? IT : EN;
        }
        if (acceptLanguage != null) {
            for (String range : acceptLanguage.split(",")) {
                String tag = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (tag.startsWith("it")) {
                    return IT;
                }
                if (tag.startsWith("en")) {
                    return EN;
                }
            }
        }
        return EN;
    }
}
