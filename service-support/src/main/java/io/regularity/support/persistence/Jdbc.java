package io.regularity.support.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The one way the services talk set-based SQL: a statement runs on the caller's transaction (the pool hands out the
 * connection enlisted in it), its parameters bound by a lambda, its rows read by another; errors become unchecked
 * ({@link IllegalStateException} with the {@link SQLException} as cause, so {@code Database.unavailable} still sees
 * it). A batch is bound column-wise ({@link #columns}): one array per column, {@code unnest}ed by the statement, so
 * a thousand rows cost one round trip.
 */
public final class Jdbc {

    /** Binds a statement's parameters. */
    public interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    /** Reads one row. */
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes one row, for a statement read as a stream ({@link #each}). */
    public interface Each {
        void accept(ResultSet rs) throws SQLException;
    }

    /** A statement without parameters. */
    public static final Binder NONE = (c, s) -> {
    };

    private Jdbc() {
    }

    /** Runs an insert, update or delete; how many rows it touched. */
    public static int update(DataSource ds, String sql, Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Every row of a query. */
    public static <T> List<T> query(DataSource ds, String sql, Binder binder, Row<T> row) {
        List<T> result = new ArrayList<>();
        each(ds, sql, 0, binder, rs -> result.add(row.read(rs)));
        return result;
    }

    /** The first row of a query, if there is one. */
    public static <T> Optional<T> first(DataSource ds, String sql, Binder binder, Row<T> row) {
        return query(ds, sql, binder, row).stream().findFirst();
    }

    /**
     * Every row of a query, one at a time. With {@code fetchSize} above 0 and inside a transaction the rows come
     * through a cursor, that many at a time: a whole race is never held in memory.
     */
    public static void each(DataSource ds, String sql, int fetchSize, Binder binder, Each each) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            if (fetchSize > 0 && !c.getAutoCommit()) {
                s.setFetchSize(fetchSize);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Binds rows column-wise from parameter {@code first} on: column {@code i} of every row becomes one SQL array of
     * {@code types[i]} ({@code int4}, {@code text}, {@code uuid}…), for a statement that {@code unnest}s them.
     */
    public static void columns(Connection c, PreparedStatement s, int first, String[] types, List<Object[]> rows) throws SQLException {
        for (int col = 0; col < types.length; col++) {
            Object[] column = new Object[rows.size()];
            for (int row = 0; row < column.length; row++) {
                column[row] = rows.get(row)[col];
            }
            s.setArray(first + col, c.createArrayOf(types[col], column));
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
}
