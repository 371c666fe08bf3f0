package io.regularity.route.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A phone given to a timing post or to a crew's car: its token's id and hash, for which race, device and post (or car), and
 * whether it was revoked.
 */
@Entity
@Table(name = "device")
@IdClass(DeviceEntity.Key.class)
public class DeviceEntity extends PanacheEntityBase {

    /** A device is named once per race. */
    public static class Key implements Serializable {
        public String raceId;
        public String device;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(raceId, k.raceId) && Objects.equals(device, k.device);
        }

        @Override
        public int hashCode() {
            return Objects.hash(raceId, device);
        }
    }

    @Id
    @Column(name = "race_id")
    public String raceId;

    @Id
    public String device;

    /** The post's timing point; null for a crew's phone. */
    public String point;

    /** The crew's car; null for a post's phone. */
    public Integer car;

    @Column(name = "token_id")
    public String tokenId;

    /** The SHA-256 of the token given (hex): the token itself is in the link shown once, never kept. */
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public static DeviceEntity find(String raceId, String device) {
        return find("raceId = ?1 and device = ?2", raceId, device).firstResult();
    }

    public static List<DeviceEntity> of(String raceId) {
        return list("raceId", Sort.by("device"), raceId);
    }
}
