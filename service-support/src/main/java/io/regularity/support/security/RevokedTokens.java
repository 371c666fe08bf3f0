package io.regularity.support.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.regularity.support.persistence.Jdbc;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The devices race direction revoked (a lost phone), kept in the service's {@code revoked_token} table (service-support's
 * migration {@code db/revocation}) and refused at authentication: a token naming a revoked device for that race (or for
 * every race) and issued before the revocation is a 401 from then on, on every service, however long it was issued for:
 * the token race direction gave and any other naming the device (one from {@code deploy/issue-token}) alike. The set is read from the table at start and every
 * {@code 20 s} (another instance may have learnt a revocation), and grows at once when this instance records one, so a
 * revocation holds everywhere within a minute of route-service's answer. On with
 * {@code regularity.revocation.enabled=true} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "regularity.revocation.enabled", stringValue = "true")
public class RevokedTokens implements SecurityIdentityAugmentor {

    /** One revocation: the race it was for and when; tokens of the device issued before it are refused. */
    record Revocation(String raceId, Instant at) {
    }

    private final DataSource dataSource;
    private volatile Map<String, List<Revocation>> byDevice = Map.of();
    /** The ids of the tokens the revocations named: the device's own token, whose iat may be a second ahead (DeviceService). */
    private volatile Set<String> ids = Set.of();

    public RevokedTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a revocation of a device's tokens (idempotent by the token id it names), in the caller's transaction or alone. */
    public void revoke(String tokenId, String raceId, String device, Instant at) {
        Jdbc.update(dataSource, """
                insert into revoked_token (token_id, race_id, device, revoked_at) values (?, ?, ?, ?) on conflict do nothing
                """, (c, s) -> {
            s.setString(1, tokenId);
            s.setString(2, raceId);
            s.setString(3, device);
            s.setTimestamp(4, Timestamp.from(at));
        });
        Map<String, List<Revocation>> more = new HashMap<>(byDevice);
        more.merge(device, List.of(new Revocation(raceId, at)), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
        byDevice = Map.copyOf(more);
        Set<String> named = new HashSet<>(ids);
        named.add(tokenId);
        ids = Set.copyOf(named);
    }

    /**
     * Whether a token is refused: a revocation named it, or it names a device (not {@code *}), was issued ({@code iat},
     * whole seconds) before a revocation of that device, and may post to that revocation's race.
     */
    public boolean isRevoked(String tokenId, String device, long issuedAtSeconds, Collection<String> races) {
        if (tokenId != null && ids.contains(tokenId)) {
            return true;
        }
        if (device == null) {
            return false;
        }
        for (Revocation r : byDevice.getOrDefault(device, List.of())) {
            if (issuedAtSeconds * 1000 < r.at().toEpochMilli() && (races.contains(r.raceId()) || races.contains("*"))) {
                return true;
            }
        }
        return false;
    }

    void load(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(every = "20s", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Map<String, List<Revocation>> read = new HashMap<>();
            Set<String> named = new HashSet<>();
            for (String[] row : Jdbc.query(dataSource, "select device, race_id, revoked_at, token_id from revoked_token", Jdbc.NONE,
                    rs -> new String[] { rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(), rs.getString(4) })) {
                read.computeIfAbsent(row[0], d -> new ArrayList<>()).add(new Revocation(row[1], Instant.parse(row[2])));
                named.add(row[3]);
            }
            byDevice = Map.copyOf(read);
            ids = Set.copyOf(named);
        } catch (RuntimeException e) {
            Log.warnf("could not read the revoked devices (%s); keeping the %d known", e.getMessage(), byDevice.size());
        }
    }

    /** A token of a revoked device, issued before the revocation, does not authenticate. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && isRevoked(jwt.getTokenID(),
                TokenClaims.device(jwt), jwt.getIssuedAtTime(), TokenClaims.races(jwt))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("this device's token was revoked by race direction"));
        }
        return Uni.createFrom().item(identity);
    }
}
