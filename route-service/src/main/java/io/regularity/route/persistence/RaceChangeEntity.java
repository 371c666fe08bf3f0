package io.regularity.route.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a race definition: the revision it made, who made it (the token's subject), when, and what it changed. */
@Entity
@Table(name = "race_change")
public class RaceChangeEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "race_id")
    public String raceId;

    public long revision;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at", insertable = false, updatable = false)
    public Instant changedAt;

    public String what;

    /** The definition this change made, as stored (null for changes recorded before revisions kept theirs). */
    public String definition;

    public static void record(String raceId, long revision, String by, String what, String definition) {
        RaceChangeEntity change = new RaceChangeEntity();
        change.raceId = raceId;
        change.revision = revision;
        change.changedBy = by;
        change.what = what;
        change.definition = definition;
        change.persist();
    }

    /** The change that made a revision of a race, if there is one. */
    public static Optional<RaceChangeEntity> at(String raceId, long revision) {
        return find("raceId = ?1 and revision = ?2", Sort.by("id"), raceId, revision).firstResultOptional();
    }

    /** A race's changes, oldest first. */
    public static List<RaceChangeEntity> of(String raceId) {
        return list("raceId", Sort.by("revision").and("id"), raceId);
    }
}
