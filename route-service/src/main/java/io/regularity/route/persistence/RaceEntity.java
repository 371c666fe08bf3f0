package io.regularity.route.persistence;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "race")
public class RaceEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public int year;

    public long revision;

    /** The whole definition as JSON, exactly as served. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String definition;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
