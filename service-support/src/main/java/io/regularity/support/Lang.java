package io.regularity.support;

import java.util.Locale;

/** The reader's language: Italian or English, the two the services speak. */
public enum Lang {
    EN, IT;

    /**
     * {@code ?lang=} first, then the language of {@code Accept-Language} this knows with the highest quality (the first
     * of equals); English otherwise.
     */
    public static Lang of(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return lang.trim().toLowerCase(Locale.ROOT).startsWith("it") ? IT : EN;
        }
        if (acceptLanguage != null) {
            Lang best = null;
            double bestQ = 0;
            for (String range : acceptLanguage.split(",")) {
                String[] parts = range.split(";");
                String tag = parts[0].trim().toLowerCase(Locale.ROOT);
                Lang known = tag.startsWith("it") ? IT : tag.startsWith("en") ? EN : null;
                double q = quality(parts);
                if (known != null && q > bestQ) { // the first of the highest quality: "en;q=0.1, it" is Italian
                    best = known;
                    bestQ = q;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return EN;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
