package org.taskneurons.store;

/** An experiment with how many of its tasks are in each state, as the dashboard lists it. */
public record ExperimentSummary(Experiment experiment, TaskCounts tasks) {

    public ExperimentSummary {
        Require.present("experiment", experiment);
        Require.present("tasks", tasks);
    }

    public String id() {
        return experiment.id();
    }

    public ExperimentState state() {
        return experiment.state();
    }
}
