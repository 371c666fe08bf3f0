package io.regularity.support.messaging;

import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.support.security.RevokedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The records of {@code route-events} as every consumer reads them, once: a {@code RaceDefined} goes to the consumer
 * (each keeps what it needs of a definition); a {@code DeviceRevoked} is recorded here, in the service's revoked tokens,
 * so that the device's token is refused on every service; any other type is left alone. A record that cannot be read
 * goes to the consumer with the reason, for it to set aside.
 */
@ApplicationScoped
public class RouteEvents {

    public static final String DEVICE_REVOKED = "DeviceRevoked";

    private final ObjectMapper json;
    private final Instance<RevokedTokens> revoked;
    private final DatabaseRetry retry;

    public RouteEvents(ObjectMapper json, Instance<RevokedTokens> revoked, DatabaseRetry retry) {
        this.json = json;
        this.revoked = revoked;
        this.retry = retry;
    }

    /** Reads one record: a race's definition goes to {@code defined}, the reason a record cannot be read to {@code unreadable}. */
    public void consume(String payload, Consumer<RaceDefinedEvent> defined, Consumer<String> unreadable) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            unreadable.accept("unreadable event: " + e.getMessage());
            return;
        }
        String type = event == null ? "" : event.path("type").asText();
        if (RaceDefinedEvent.TYPE.equals(type)) {
            JsonNode race = event.path("race");
            String raceId = race.path("id").asText("");
            if (raceId.isEmpty() || !event.path("revision").canConvertToLong()) {
                unreadable.accept("RaceDefined without race.id or revision");
                return;
            }
            defined.accept(new RaceDefinedEvent(raceId, event.path("revision").asLong(), RaceDefinedEvent.occurredAt(event), race));
        } else if (DEVICE_REVOKED.equals(type)) {
            String tokenId = event.path("tokenId").asText("");
            if (tokenId.isEmpty()) {
                unreadable.accept("DeviceRevoked without tokenId");
                return;
            }
            Instant at = RaceDefinedEvent.occurredAt(event);
            if (revoked.isResolvable()) {
                retry.run("record the revocation of device " + event.path("device").asText(), () -> revoked.get().revoke(tokenId,
                        event.path("raceId").asText(""), event.path("device").asText(""), at == null ? Instant.now() : at));
            } else {
                Log.debugf("a DeviceRevoked for a service without revocations: %s", tokenId);
            }
        }
    }
}
