package io.regularity.route.service;

import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.regularity.route.config.RouteConfig;
import io.regularity.route.domain.Posts;
import io.regularity.route.domain.Race;
import io.regularity.route.domain.RaceValidator;
import io.regularity.route.domain.RoutePhrases;
import io.regularity.route.events.DeviceRevoked;
import io.regularity.route.events.RaceDefined;
import io.regularity.route.persistence.DeviceEntity;
import io.regularity.support.Refusal;
import io.regularity.support.Said;
import io.regularity.support.outbox.Outbox;
import io.regularity.support.security.RevokedTokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The phones race direction gives to the timing posts: a timekeeper token for one race and one device, valid until the day
 * after the race's last leg, with the link that opens the timekeeper app set up for its post; listed (never the tokens
 * again), and revoked when a phone is lost: the revocation is recorded here and published on route-events
 * ({@code DeviceRevoked}), so every service refuses the token within a minute. A crew's phone (issue 39) is given the
 * same way to a car instead of a post: a crew token (group {@code crew}, claim {@code car}) that sends only that car's
 * fixes in that race, inside the link that opens the crew app.
 */
@ApplicationScoped
public class DeviceService {

    /** The services refuse a token issued longer ago than this ({@code mp.jwt.verify.token.age}): no token is made to outlive it. */
    static final Duration TOKEN_AGE = Duration.ofDays(31);

    private final RaceService races;
    private final Outbox outbox;
    private final RevokedTokens revoked;
    private final String timingUrl;
    private final String issuer;

    public DeviceService(RaceService races, Outbox outbox, RevokedTokens revoked,
            RouteConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.races = races;
        this.outbox = outbox;
        this.revoked = revoked;
        String timingUrl = config.devices().timingUrl();
        this.timingUrl = timingUrl.endsWith("/") ? timingUrl.substring(0, timingUrl.length() - 1) : timingUrl;
        this.issuer = issuer;
    }

    /** The biggest car number, as timing takes it. */
    public static final int MAX_CAR = 9999;

    /**
     * A device given to a post (its point and leg) or to a crew's car: with the link to open on it (and its token, in the
     * link).
     */
    public record Issued(String device, String point, Integer leg, Integer car, String link, Instant expiresAt) {
    }

    /** A device as race direction lists it: never its token. {@code point} for a post's phone, {@code car} for a crew's. */
    public record Device(String device, String point, Integer car, String issuedBy, Instant issuedAt, Instant expiresAt, String state,
            Instant revokedAt, String revokedBy) {
    }

    /** The device already has a token that counts: revoke it first. */
    public static class DeviceTaken extends Refusal {
        public DeviceTaken(Said detail) {
            super(409, RoutePhrases.DEVICE_TAKEN_TITLE, detail, null);
        }
    }

    /**
     * Gives a device to a post ({@code point}) or to a crew's car ({@code car}), exactly one of them; empty for an unknown
     * race.
     */
    @Transactional
    public Optional<Issued> issue(String raceId, String device, String point, Integer car, String by) {
        Optional<Race> found = races.find(raceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (device == null || !RaceValidator.ID.matcher(device).matches()) {
            throw Refusal.invalid("device", RoutePhrases.DEVICE_NAME_RULE);
        }
        if (point != null && car != null) {
            throw Refusal.invalid("car", RoutePhrases.POST_AND_CAR);
        }
        if (point == null && car == null) {
            throw Refusal.invalid("point", RoutePhrases.POST_OR_CAR);
        }
        if (car != null && (car < 1 || car > MAX_CAR)) {
            throw Refusal.invalid("car", RoutePhrases.CAR_NUMBER, MAX_CAR);
        }
        Race race = found.get();
        Posts.Post post = car != null ? null : Posts.of(race).stream().filter(p -> p.point().equals(point)).findFirst()
                .orElseThrow(() -> Refusal.invalid("point", RoutePhrases.POINT_NOT_OF_RACE));
        DeviceEntity entity = DeviceEntity.find(raceId, device);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (entity != null && entity.revokedAt == null && entity.expiresAt.isAfter(now)) {
            throw new DeviceTaken(entity.car != null ? RoutePhrases.DEVICE_TAKEN_BY_CAR.with(device, entity.car, entity.expiresAt)
                    : RoutePhrases.DEVICE_TAKEN.with(device, entity.point, entity.expiresAt));
        }
        boolean fresh = entity == null;
        if (fresh) {
            entity = new DeviceEntity();
            entity.raceId = raceId;
            entity.device = device;
        }
        String token = sign(race, entity, point, car, by, now);
        if (fresh) {
            entity.persist();
        }
        if (car != null) {
            return Optional.of(new Issued(device, null, null, car, crewLink(raceId, car, device, token), entity.expiresAt));
        }
        return Optional.of(new Issued(device, point, post.leg(), null, link(raceId, post.leg(), point, device, token), entity.expiresAt));
    }

    /**
     * A new token for a device that counts (its QR code shown again: the token is never kept, so it cannot be shown
     * twice), the old one revoked; empty when the race has no such device or its token no longer counts.
     */
    @Transactional
    public Optional<Issued> reissue(String raceId, String device, String by) {
        DeviceEntity d = DeviceEntity.find(raceId, device);
        Instant now = Instant.now();
        Optional<Race> race = races.find(raceId);
        if (d == null || d.revokedAt != null || d.expiresAt.isBefore(now) || race.isEmpty()) {
            return Optional.empty();
        }
        revoke(d, by, now.truncatedTo(ChronoUnit.MILLIS));
        String token = sign(race.get(), d, d.point, d.car, by, now);
        if (d.car != null) {
            return Optional.of(new Issued(device, null, null, d.car, crewLink(raceId, d.car, device, token), d.expiresAt));
        }
        int leg = Posts.of(race.get()).stream().filter(p -> p.point().equals(d.point)).findFirst().map(Posts.Post::leg).orElse(1);
        return Optional.of(new Issued(device, d.point, leg, null, link(raceId, leg, d.point, device, token), d.expiresAt));
    }

    /**
     * Signs a new token for the device and keeps its id and hash: a timekeeper's for a post, a crew's (its {@code car}) for
     * a car. Issued after the device's last revocation, to the second (a token's {@code iat} has whole seconds; every
     * token of the device issued before a revocation is refused).
     */
    private String sign(Race race, DeviceEntity entity, String point, Integer car, String by, Instant now) {
        Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
        if (entity.revokedAt != null && !issued.isAfter(entity.revokedAt)) {
            issued = entity.revokedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        Instant expires = expiry(race, issued);
        String tokenId = UUID.randomUUID().toString();
        JwtClaimsBuilder claims = Jwt.issuer(issuer).audience("regularity").subject(entity.device).upn(entity.device)
                .groups(Set.of(car == null ? "timekeeper" : "crew")).claim("races", List.of(entity.raceId)).claim("device", entity.device);
        if (car != null) {
            claims.claim("car", car.longValue());
        }
        String token = claims.claim("jti", tokenId).issuedAt(issued).expiresAt(expires).sign();
        entity.point = point;
        entity.car = car;
        entity.tokenId = tokenId;
        entity.tokenHash = sha256(token);
        entity.issuedBy = by;
        entity.issuedAt = issued;
        entity.expiresAt = expires;
        entity.revokedAt = null;
        entity.revokedBy = null;
        return token;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Until the end of the day after the race's last leg, in the race's time zone; no later than the services accept a
     * token's age; a week for a race without dates.
     */
    static Instant expiry(Race race, Instant now) {
        Optional<LocalDate> last = race.legs().stream().map(Race.Leg::date).filter(d -> d != null).map(LocalDate::parse)
                .max(LocalDate::compareTo);
        ZoneId zone = ZoneId.of(race.timeZone() == null ? "Europe/Rome" : race.timeZone());
        Instant until = last.map(d -> d.plusDays(2).atStartOfDay(zone).toInstant()).orElse(now.plus(Duration.ofDays(7)));
        Instant latest = now.plus(TOKEN_AGE).minusSeconds(60);
        return until.isAfter(latest) ? latest : until.isBefore(now) ? now.plus(Duration.ofDays(1)) : until;
    }

    private String link(String raceId, int leg, String point, String device, String token) {
        return timingUrl + "/timekeeper/#token=" + token + "&race=" + encode(raceId) + "&leg=" + leg + "&point=" + encode(point) + "&device="
                + encode(device);
    }

    /** The crew app's link on timing-service, set up for the race and the car. */
    private String crewLink(String raceId, int car, String device, String token) {
        return timingUrl + "/crew/#token=" + token + "&race=" + encode(raceId) + "&car=" + car + "&device=" + encode(device);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The race's devices, by name; empty for an unknown race. */
    public Optional<List<Device>> list(String raceId) {
        if (races.find(raceId).isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Optional.of(DeviceEntity.of(raceId).stream().map(d -> view(d, now)).toList());
    }

    private static Device view(DeviceEntity d, Instant now) {
        String state = d.revokedAt != null ? "REVOKED" : d.expiresAt.isBefore(now) ? "EXPIRED" : "ACTIVE";
        return new Device(d.device, d.point, d.car, d.issuedBy, d.issuedAt, d.expiresAt, state, d.revokedAt, d.revokedBy);
    }

    /**
     * Revokes a device: every token naming it for this race issued until now (the one given here, one made by
     * {@code deploy/issue-token}) is refused here at once, by every service within a minute (route-events). Empty when
     * the race has no such device; revoking twice changes nothing.
     */
    @Transactional
    public Optional<Device> revoke(String raceId, String device, String by) {
        DeviceEntity d = DeviceEntity.find(raceId, device);
        if (d == null) {
            return Optional.empty();
        }
        if (d.revokedAt == null) {
            revoke(d, by, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
        return Optional.of(view(d, Instant.now()));
    }

    /** Every token of the device issued before {@code now} refused: here at once, by the other services from route-events. */
    private void revoke(DeviceEntity d, String by, Instant now) {
        d.revokedAt = now;
        d.revokedBy = by;
        revoked.revoke(d.tokenId, d.raceId, d.device, now);
        outbox.enqueue(DeviceRevoked.of(d.raceId, d.device, d.tokenId, by, now));
    }
}
