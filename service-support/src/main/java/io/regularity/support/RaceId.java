package io.regularity.support;

import java.util.regex.Pattern;

/**
 * The one rule for a race id, the same at every door of every service: what route-service accepts for a new race is
 * what timing and classification accept in a path. Safe in a file name, a header, a log line and a Kafka key as it is.
 */
public final class RaceId {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final Phrase RULE = SupportPhrases.RACE_ID_RULE;

    private RaceId() {
    }

    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
