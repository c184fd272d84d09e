package org.taskneurons.store;

import java.util.List;

/**
 * What {@link Store#requeueExpired} did.
 *
 * @param requeued ids of tasks queued again (attempts were left)
 * @param failed   ids of tasks that had used their last attempt and are now FAILED
 */
public record ExpiredLeases(List<String> requeued, List<String> failed) {

    public ExpiredLeases {
        requeued = List.copyOf(Require.present("requeued", requeued));
        failed = List.copyOf(Require.present("failed", failed));
    }

    public boolean isEmpty() {
        return requeued.isEmpty() && failed.isEmpty();
    }
}
