/**
 * The server's nodes: a scheduler that leases stored tasks to workers that ask for them, the
 * workers that run discoveries and trainings on engine threads, the {@code tn.api.*} answers,
 * and the Hazelcast setup that joins nodes into a cluster.
 *
 * <p>{@link org.taskneurons.cluster.Node#deploy} puts a node on a Vert.x instance; all state
 * that matters lives in the {@link org.taskneurons.store.Store}, so a scheduler can restart and
 * carry on, and a worker that dies loses its tasks only for the lease's duration. Workers and
 * the scheduler talk in typed messages (one codec each, JSON on the wire with a version);
 * the API and the published events stay JSON objects, which the bridges pass through.
 */
package org.taskneurons.cluster;
