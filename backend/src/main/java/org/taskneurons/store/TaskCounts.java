package org.taskneurons.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many tasks are in each state: of one experiment, or of the whole store for metrics
 * (queue depth is {@code count(QUEUED)}). States without tasks count zero.
 */
public record TaskCounts(Map<TaskState, Long> byState) {

    public TaskCounts {
        EnumMap<TaskState, Long> complete = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            long count = Require.present("byState", byState).getOrDefault(state, 0L);
            if (count < 0) {
                throw new IllegalArgumentException("count of " + state + " is negative: " + count);
            }
            complete.put(state, count);
        }
        byState = Map.copyOf(complete);
    }

    public static TaskCounts none() {
        return new TaskCounts(Map.of());
    }

    public long count(TaskState state) {
        return byState.get(state);
    }

    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether there is at least one task and none will run again. */
    public boolean isFinished() {
        return total() > 0 && byState.entrySet().stream()
                .allMatch(entry -> entry.getKey().isFinished() || entry.getValue() == 0);
    }
}
