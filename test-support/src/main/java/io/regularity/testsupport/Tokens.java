package io.regularity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Development and test tokens: an RSA key pair and the bearer JWTs the services accept. Roles are in
 * {@code groups} ({@code timekeeper}, {@code race-direction}); a timekeeper's token names the races it
 * may post to ({@code races}, {@code *} for all) and its {@code device}. Production uses a real
 * OpenID Connect provider's keys instead, by configuration alone.
 */
public final class Tokens {

    public static final String ISSUER = "https://regularity.local/dev";
    /** Who the tokens are for: the services verify it ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "regularity";
    public static final String RACE_DIRECTION = "race-direction";
    public static final String TIMEKEEPER = "timekeeper";
    /** A crew's phone: sends its own car's fixes in its race ({@code races}, {@code car}, {@code device}). */
    public static final String CREW = "crew";

    private static Tokens forTests;
    private final KeyPair keys;

    private Tokens(KeyPair keys) {
        this.keys = keys;
    }

    /** One key pair per test JVM. */
    public static synchronized Tokens forTests() {
        if (forTests == null) {
            forTests = generate();
        }
        return forTests;
    }

    public static Tokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Tokens(generator.generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair kept in {@code dir} (dev-private.pem, dev-public.pem), made on first use. */
    public static Tokens loadOrCreate(Path dir) {
        Path privatePem = dir.resolve("dev-private.pem");
        Path publicPem = dir.resolve("dev-public.pem");
        try {
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privatePem))));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicPem))));
                return new Tokens(new KeyPair(publicKey, privateKey));
            }
            Tokens tokens = generate();
            Files.createDirectories(dir);
            Files.writeString(privatePem, pem("PRIVATE KEY", tokens.keys.getPrivate().getEncoded()));
            Files.writeString(publicPem, tokens.publicKeyPem());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable key pair in " + dir, e);
        }
    }

    /** The public key, PEM-encoded, as {@code mp.jwt.verify.publickey} takes it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** The private key, PEM-encoded, as {@code smallrye.jwt.sign.key} takes it: route-service signs the devices' tokens with it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    public String raceDirection(String subject) {
        return issue(subject, List.of(RACE_DIRECTION), null, null, Duration.ofDays(30));
    }

    public String timekeeper(String subject, String device, String... races) {
        return issue(subject, List.of(TIMEKEEPER), List.of(races), device, Duration.ofDays(30));
    }

    /** A crew's token: its race, its car and its phone, as route-service gives it ({@code POST …/devices} with a car). */
    public String crew(String device, String race, int car) {
        return crew(device, race, car, Duration.ofDays(30));
    }

    public String crew(String device, String race, int car, Duration lifetime) {
        return issue(device, List.of(CREW), List.of(race), device, car, Instant.now(), lifetime, AUDIENCE);
    }

    public String issue(String subject, List<String> groups, List<String> races, String device, Duration lifetime) {
        return issue(subject, groups, races, device, Instant.now(), lifetime, AUDIENCE);
    }

    /** A token issued at {@code issuedAt} for {@code audience} (null: none), valid {@code lifetime} from then. */
    public String issue(String subject, List<String> groups, List<String> races, String device, Instant issuedAt,
            Duration lifetime, String audience) {
        return issue(subject, groups, races, device, null, issuedAt, lifetime, audience);
    }

    /** The same, for a crew's {@code car} (null: none). */
    public String issue(String subject, List<String> groups, List<String> races, String device, Integer car, Instant issuedAt,
            Duration lifetime, String audience) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            if (audience != null) {
                claims.setAudience(audience);
            }
            claims.setSubject(subject);
            claims.setClaim("upn", subject);
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.getEpochSecond() + lifetime.toSeconds()));
            claims.setGeneratedJwtId();
            claims.setStringListClaim("groups", groups);
            if (races != null) {
                claims.setStringListClaim("races", races);
            }
            if (device != null) {
                claims.setClaim("device", device);
            }
            if (car != null) {
                claims.setClaim("car", car);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(keys.getPrivate());
            jws.setKeyIdHeaderValue("dev");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END "
                + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
