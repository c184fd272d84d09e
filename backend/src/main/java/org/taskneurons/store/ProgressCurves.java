package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress curves kept in summarized form, so that a page reload can draw a run's whole
 * history without the store growing with its length. The rule is {@link ProgressSummary}'s:
 * keep the points numbered by a multiple of the stride plus the latest, and double the
 * stride when more than {@value ProgressSummary#MAX_POINTS} would be kept.
 */
final class ProgressCurves {

    private static final String CREATE_SERIES = "INSERT INTO progress_series (task_id, series, stride, next_seq) "
            + "VALUES (?, ?, 1, 0) ON CONFLICT DO NOTHING";
    /** Taking the next number also locks the curve's row, so concurrent appends to one curve take turns. */
    private static final String NEXT_NUMBER =
            "UPDATE progress_series SET next_seq = next_seq + 1 WHERE task_id = ? AND series = ?";
    private static final String SERIES = "SELECT stride, next_seq FROM progress_series WHERE task_id = ? AND series = ?";
    private static final String DROP_IF_OFF_STRIDE =
            "DELETE FROM progress_points WHERE task_id = ? AND series = ? AND seq = ? AND MOD(seq, ?) <> 0";
    private static final String INSERT_POINT =
            "INSERT INTO progress_points (task_id, series, seq, x, y) VALUES (?, ?, ?, ?, ?)";
    private static final String COUNT = "SELECT COUNT(*) AS points FROM progress_points WHERE task_id = ? AND series = ?";
    private static final String SET_STRIDE = "UPDATE progress_series SET stride = ? WHERE task_id = ? AND series = ?";
    private static final String THIN = "DELETE FROM progress_points "
            + "WHERE task_id = ? AND series = ? AND MOD(seq, ?) <> 0 AND seq <> ?";
    private static final String CURVES = """
            SELECT p.task_id, p.series, s.stride, p.x, p.y
            FROM progress_points p
              JOIN progress_series s ON s.task_id = p.task_id AND s.series = p.series
              JOIN tasks t ON t.id = p.task_id
            WHERE t.experiment_id = ?
            ORDER BY t.seq, p.series, p.seq""";

    private final Pool pool;
    private final SqlDialect dialect;

    ProgressCurves(Pool pool, SqlDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    Future<Void> append(ProgressPoint point) {
        Tuple curve = Tuple.of(point.taskId(), point.series());
        return pool.withTransaction(conn -> new Queries(conn, dialect).requireTask(point.taskId())
                .compose(exists -> conn.preparedQuery(dialect.sql(CREATE_SERIES)).execute(curve))
                .compose(created -> conn.preparedQuery(dialect.sql(NEXT_NUMBER)).execute(curve))
                .compose(numbered -> conn.preparedQuery(dialect.sql(SERIES)).execute(curve))
                .compose(series -> {
                    Row row = series.iterator().next();
                    return keep(conn, point, row.getLong("next_seq") - 1, row.getLong("stride"));
                }));
    }

    /** Every curve of the experiment's tasks, in task order, then by series name. */
    Future<List<ProgressSummary>> curves(String experimentId) {
        return pool.withTransaction(conn -> new Queries(conn, dialect).requireExperiment(experimentId)
                .compose(exists -> conn.preparedQuery(dialect.sql(CURVES)).execute(Tuple.of(experimentId)))
                .map(ProgressCurves::summaries));
    }

    private Future<Void> keep(SqlConnection conn, ProgressPoint point, long seq, long stride) {
        Future<Void> dropPrevious = seq == 0
                ? Future.succeededFuture()
                : conn.preparedQuery(dialect.sql(DROP_IF_OFF_STRIDE))
                        .execute(Tuple.of(point.taskId(), point.series(), seq - 1, stride)).mapEmpty();
        return dropPrevious
                .compose(dropped -> conn.preparedQuery(dialect.sql(INSERT_POINT))
                        .execute(Tuple.of(point.taskId(), point.series(), seq, point.x(), point.y())))
                .compose(inserted -> conn.preparedQuery(dialect.sql(COUNT)).execute(Tuple.of(point.taskId(), point.series())))
                .compose(count -> count.iterator().next().getLong("points") > ProgressSummary.MAX_POINTS
                        ? thin(conn, point, seq, stride * 2)
                        : Future.succeededFuture());
    }

    private Future<Void> thin(SqlConnection conn, ProgressPoint point, long latest, long stride) {
        return conn.preparedQuery(dialect.sql(SET_STRIDE)).execute(Tuple.of(stride, point.taskId(), point.series()))
                .compose(set -> conn.preparedQuery(dialect.sql(THIN))
                        .execute(Tuple.of(point.taskId(), point.series(), stride, latest)))
                .mapEmpty();
    }

    private static List<ProgressSummary> summaries(RowSet<Row> rows) {
        Map<List<String>, Long> strides = new LinkedHashMap<>();
        Map<List<String>, List<CurvePoint>> points = new LinkedHashMap<>();
        for (Row row : rows) {
            List<String> curve = List.of(row.getString("task_id"), row.getString("series"));
            strides.put(curve, row.getLong("stride"));
            points.computeIfAbsent(curve, key -> new ArrayList<>()).add(new CurvePoint(row.getDouble("x"), row.getDouble("y")));
        }
        return points.entrySet().stream()
                .map(entry -> new ProgressSummary(
                        entry.getKey().get(0), entry.getKey().get(1), strides.get(entry.getKey()), entry.getValue()))
                .toList();
    }
}
