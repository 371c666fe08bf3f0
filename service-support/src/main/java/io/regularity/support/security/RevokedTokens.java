package io.regularity.support.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

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
 * The device tokens race direction revoked (a lost phone), kept in the service's {@code revoked_token} table
 * (service-support's migration {@code db/revocation}) and refused at authentication: a revoked token is a 401 from
 * then on, on every service, however long it was issued for. The set is read from the table at start and every
 * {@code 20 s} (another instance may have learnt a revocation), and grows at once when this instance records one, so a
 * revocation holds everywhere within a minute of route-service's answer. On with
 * {@code regularity.revocation.enabled=true} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "regularity.revocation.enabled", stringValue = "true")
public class RevokedTokens implements SecurityIdentityAugmentor {

    private final DataSource dataSource;
    private volatile Set<String> revoked = Set.of();

    public RevokedTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a revocation (idempotent), in the caller's transaction or alone. */
    public void revoke(String tokenId, String raceId, String device, Instant at) {
        Jdbc.update(dataSource, """
                insert into revoked_token (token_id, race_id, device, revoked_at) values (?, ?, ?, ?) on conflict do nothing
                """, (c, s) -> {
            s.setString(1, tokenId);
            s.setString(2, raceId);
            s.setString(3, device);
            s.setTimestamp(4, Timestamp.from(at));
        });
        Set<String> more = new HashSet<>(revoked);
        more.add(tokenId);
        revoked = Set.copyOf(more);
    }

    public boolean isRevoked(String tokenId) {
        return tokenId != null && revoked.contains(tokenId);
    }

    void load(@Observes StartupEvent start) {
        refresh();
    }

    @Scheduled(every = "20s", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            revoked = Set.copyOf(Jdbc.query(dataSource, "select token_id from revoked_token", Jdbc.NONE, rs -> rs.getString(1)));
        } catch (RuntimeException e) {
            Log.warnf("could not read the revoked tokens (%s); keeping the %d known", e.getMessage(), revoked.size());
        }
    }

    /** A token whose id is revoked does not authenticate. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && isRevoked(jwt.getTokenID())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("this device's token was revoked by race direction"));
        }
        return Uni.createFrom().item(identity);
    }
}
