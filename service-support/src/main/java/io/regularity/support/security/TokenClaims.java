package io.regularity.support.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

/**
 * The claims a device's token carries beyond its role, read one way wherever they are checked: {@code races} (the race
 * ids it may post to, {@code *} for all), {@code device} (the phone's or post's name) and a crew's {@code car}. A claim
 * comes as a JSON value or as a plain Java one depending on who read the token; both are taken.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The races the token names ({@code races}: one id or a list); empty when it names none. */
    public static List<String> races(JsonWebToken token) {
        return list(token.getClaim("races"));
    }

    /** The device the token names, or null. */
    public static String device(JsonWebToken token) {
        Object claim = token.getClaim("device");
        return claim == null ? null : text(claim);
    }

    /** The crew's car the token names ({@code car}, a whole number), or empty. */
    public static OptionalLong car(JsonWebToken token) {
        Object claim = token.getClaim("car");
        if (claim instanceof JsonNumber number && number.isIntegral()) {
            return OptionalLong.of(number.longValue());
        }
        if (claim instanceof Number number && (number instanceof Integer || number instanceof Long)) {
            return OptionalLong.of(number.longValue());
        }
        if (claim != null) {
            try {
                return OptionalLong.of(Long.parseLong(text(claim)));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** A claim's text: a JSON string's value, or the claim as it is. */
    public static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : String.valueOf(claim);
    }

    /** A claim's values: a JSON array's or a collection's, one value alone, or none. */
    public static List<String> list(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> values.add(text(v)));
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(text(v)));
        } else if (claim != null) {
            values.add(text(claim));
        }
        return values;
    }
}
