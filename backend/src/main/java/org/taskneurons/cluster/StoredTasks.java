package org.taskneurons.cluster;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taskneurons.store.Page;
import org.taskneurons.store.Store;
import org.taskneurons.store.Task;

/** Every task of an experiment, read from the store a page at a time. */
final class StoredTasks {
    private StoredTasks() {
    }

    /** The experiment's tasks by id, in task order; fails with NoSuchElementException for an unknown experiment. */
    static Future<Map<String, Task>> all(Store store, String experimentId) {
        return collect(store, experimentId, new Page(0, Page.MAX_LIMIT), new LinkedHashMap<>());
    }

    private static Future<Map<String, Task>> collect(Store store, String experimentId, Page page, Map<String, Task> tasks) {
        return store.tasks(experimentId, page).compose(batch -> {
            batch.forEach(task -> tasks.put(task.id(), task));
            return batch.size() < page.limit()
                    ? Future.succeededFuture(tasks)
                    : collect(store, experimentId, page.next(), tasks);
        });
    }
}
