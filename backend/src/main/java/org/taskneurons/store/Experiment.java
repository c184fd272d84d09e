package org.taskneurons.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored experiment.
 *
 * @param id         assigned by the store on submit (a UUID)
 * @param finishedAt when it became DONE, FAILED or CANCELLED; empty while ACTIVE
 */
public record Experiment(
        String id, String name, String specJson, ExperimentState state, Instant createdAt,
        Optional<Instant> finishedAt) {

    public Experiment {
        Require.present("id", id);
        Require.present("name", name);
        Require.present("specJson", specJson);
        Require.present("state", state);
        Require.present("createdAt", createdAt);
        Require.present("finishedAt", finishedAt);
    }
}
