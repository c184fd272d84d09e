/**
 * Persistence of experiments, tasks with their leases, results and progress curves.
 *
 * <p>{@link org.taskneurons.store.Store} is the one entry point: an embedded H2 file by
 * default ({@link org.taskneurons.store.Store#h2}), PostgreSQL for clusters
 * ({@link org.taskneurons.store.Store#postgres}). Both run the same SQL through a Vert.x SQL
 * client (vertx-jdbc-client for H2, vertx-pg-client for PostgreSQL; {@code SqlDialect} holds
 * the difference), and both get their schema from the same versioned migrations under
 * {@code org/taskneurons/store/migrations}, applied in order when a store opens.
 *
 * <p>What it guarantees, whatever the database:
 * <ul>
 *   <li>an experiment and all its tasks are stored in one transaction before
 *       {@code submit} succeeds;</li>
 *   <li>a queued task is leased to one worker at a time, and a result is recorded at most
 *       once per task (the task id is the results table's primary key);</li>
 *   <li>every change of a task's state after it was leased (complete, fail, expire,
 *       cancel) happens with its experiment's row locked, so dependents are released and
 *       experiments finished exactly once;</li>
 *   <li>all state is in the database: a new store on the same file or database carries on
 *       where the last one stopped.</li>
 * </ul>
 *
 * <p>Unknown ids fail the returned future with a {@link java.util.NoSuchElementException}
 * naming the id; invalid values are rejected when their record is built, with an
 * {@link java.lang.IllegalArgumentException} naming the field and quoting the value.
 */
package org.taskneurons.store;
