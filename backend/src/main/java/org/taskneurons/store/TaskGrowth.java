package org.taskneurons.store;

import java.util.List;
import java.util.Map;

/**
 * How an experiment's task graph grows while it runs (a search adds promotions and final runs
 * as results arrive). The store asks it inside the transaction that records a result or ends a
 * task as FAILED, and stores what it answers in the same transaction, so every decision is
 * stored exactly once with the result that triggered it, and a restarted coordinator finds it
 * made. It must be a function of its arguments: tasks whose keys exist are never asked for again.
 */
public interface TaskGrowth {

    /** No experiment grows. */
    TaskGrowth NONE = new TaskGrowth() {
        @Override
        public boolean grows(String kind) {
            return false;
        }

        @Override
        public List<TaskDraft> next(String specJson, Map<String, TaskState> tasks, Map<String, String> results) {
            return List.of();
        }
    };

    /** Whether a task of this kind may make its experiment grow when it ends. */
    boolean grows(String kind);

    /**
     * The tasks to add now.
     *
     * @param specJson the experiment's stored spec
     * @param tasks    every task of the experiment by key, with its state
     * @param results  every recorded result of the experiment, by task key
     * @return new tasks, whose dependencies are keys of existing tasks or of tasks before them
     */
    List<TaskDraft> next(String specJson, Map<String, TaskState> tasks, Map<String, String> results);
}
