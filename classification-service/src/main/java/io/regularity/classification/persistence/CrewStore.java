package io.regularity.classification.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import io.regularity.classification.domain.Crew;
import io.regularity.support.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/** The entry list of each race: its crews, their cars and coefficients. Every method runs on the caller's transaction. */
@ApplicationScoped
public class CrewStore {

    private final DataSource ds;

    public CrewStore(DataSource ds) {
        this.ds = ds;
    }

    /** Enters crews, or replaces those entered before under the same car number. */
    public void putCrews(String raceId, List<Crew> crews) {
        for (Crew crew : crews) {
            Jdbc.update(ds, """
                    insert into crew (race_id, car, driver_name, driver_female, codriver_name, codriver_female, car_model,
                                      car_year, coefficient, category, team, driver_licence, codriver_licence, band)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (race_id, car) do update set driver_name = excluded.driver_name,
                        driver_female = excluded.driver_female, codriver_name = excluded.codriver_name,
                        codriver_female = excluded.codriver_female, car_model = excluded.car_model,
                        car_year = excluded.car_year, coefficient = excluded.coefficient, category = excluded.category,
                        team = excluded.team, driver_licence = excluded.driver_licence,
                        codriver_licence = excluded.codriver_licence, band = excluded.band
                    """, (c, s) -> {
                s.setString(1, raceId);
                s.setInt(2, crew.car());
                s.setString(3, crew.driver().name());
                s.setBoolean(4, crew.driver().isFemale());
                s.setString(5, crew.codriver() == null ? null : crew.codriver().name());
                s.setBoolean(6, crew.codriver() != null && crew.codriver().isFemale());
                s.setString(7, crew.carModel());
                s.setObject(8, crew.carYear());
                s.setBigDecimal(9, crew.coefficient());
                s.setString(10, crew.category());
                s.setString(11, crew.team());
                s.setString(12, crew.driver().licence());
                s.setString(13, crew.codriver() == null ? null : crew.codriver().licence());
                s.setString(14, crew.band());
            });
        }
    }

    /** Takes a crew off the entry list; false when the race has no such car. */
    public boolean deleteCrew(String raceId, int car) {
        return Jdbc.update(ds, "delete from crew where race_id = ? and car = ?", (c, s) -> {
            s.setString(1, raceId);
            s.setInt(2, car);
        }) > 0;
    }

    /** Every crew of a race, by car number. */
    public List<Crew> crews(String raceId) {
        return Jdbc.query(ds, CREWS + "where race_id = ? order by car", (c, s) -> s.setString(1, raceId), CrewStore::crew);
    }

    /** Those crews of a race that exist, by car number. */
    public List<Crew> crews(String raceId, Collection<Integer> cars) {
        return Jdbc.query(ds, CREWS + "where race_id = ? and car = any(?) order by car", (c, s) -> {
            s.setString(1, raceId);
            s.setArray(2, c.createArrayOf("int4", cars.toArray()));
        }, CrewStore::crew);
    }

    private static final String CREWS = """
            select car, driver_name, driver_female, codriver_name, codriver_female, car_model, car_year, coefficient,
                   category, team, driver_licence, codriver_licence, band
            from crew
            """;

    /** A crew from the columns of {@link #CREWS}, by their names. */
    static Crew crew(ResultSet rs) throws SQLException {
        return new Crew(rs.getInt("car"), new Crew.Person(rs.getString("driver_name"), rs.getBoolean("driver_female"), rs.getString("driver_licence")),
                rs.getString("codriver_name") == null ? null
                        : new Crew.Person(rs.getString("codriver_name"), rs.getBoolean("codriver_female"), rs.getString("codriver_licence")),
                rs.getString("car_model"), (Integer) rs.getObject("car_year"), rs.getBigDecimal("coefficient"), rs.getString("category"),
                rs.getString("team"), rs.getString("band"));
    }
}
