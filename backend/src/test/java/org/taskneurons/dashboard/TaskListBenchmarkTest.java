package org.taskneurons.dashboard;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the dashboard takes to show 10,000 tasks in headless Chromium: the task table
 * mounted with 10,000 tasks in memory (median of five, until the first frame after mounting),
 * and the experiment view of a real, finished 10,000-task experiment (the API's noop form),
 * from the route change until the first page of tasks shows and until all pages are fetched
 * and the table holds them. A benchmark, not a test: it prints and asserts
 * only that everything was shown. Run with
 * {@code mvn -o -B verify -pl backend -am -Dtests.excluded= -Dtest=TaskListBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class TaskListBenchmarkTest {
    private static final int TASKS = 10_000;

    @TempDir
    Path temp;

    @Test
    void rendersTenThousandTasks() throws Exception {
        try (Browser browser = Browser.start(1400, 1000);
                DashboardServer server = DashboardServer.start(temp.resolve("state"), temp.resolve("data"))) {
            browser.open(server.url("/#/experiments"));
            browser.awaitElement("experiments-view", Duration.ofSeconds(15));
            List<Double> mounts = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                mounts.add(((Number) browser.asyncScript(MOUNT, TASKS)).doubleValue());
            }
            Collections.sort(mounts);

            String id = server.submitNoop(TASKS);
            server.awaitState(id, "DONE", Duration.ofMinutes(3));
            List<Double> firstRows = new ArrayList<>();
            List<Double> views = new ArrayList<>();
            List<Double> fetches = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                browser.script("location.hash = '#/experiments';");
                browser.awaitElement("experiments-view", Duration.ofSeconds(15));
                long start = System.nanoTime();
                browser.script("location.hash = arguments[0];", "#/experiments/" + id);
                browser.await(Duration.ofSeconds(60), d -> !browser.findAll("task-row").isEmpty());
                firstRows.add((System.nanoTime() - start) / 1e6);
                browser.await(Duration.ofSeconds(60), d -> browser.findAll("task-table").stream()
                        .anyMatch(table -> String.valueOf(TASKS).equals(table.getAttribute("data-count"))));
                views.add((System.nanoTime() - start) / 1e6);
                fetches.add(((Number) browser.asyncScript(FETCH, id)).doubleValue());
            }
            Collections.sort(firstRows);
            Collections.sort(views);
            Collections.sort(fetches);
            assertThat(browser.find("task-table").getAttribute("data-count")).isEqualTo(String.valueOf(TASKS));

            System.out.printf("dashboard benchmark, %d tasks: task table mounted and painted in %.0f ms (median of 5, min %.0f, max %.0f);"
                    + " experiment view from the route change to the first rows shown in %.0f ms and to all tasks in %.0f ms"
                    + " (medians of 3); fetching the %d pages of tasks from the API alone takes %.0f ms%n", TASKS, mounts.get(2),
                    mounts.get(0), mounts.get(4), firstRows.get(1), views.get(1), (TASKS + 999) / 1000, fetches.get(1));
        }
    }

    /** Fetches all tasks as the experiment view does; resolves with the milliseconds it took. */
    private static final String FETCH = """
            const id = arguments[0];
            const done = arguments[arguments.length - 1];
            const { allTasks } = await import('/api.js');
            const start = performance.now();
            const tasks = await allTasks(id);
            done(tasks.length ? performance.now() - start : -1);
            """;

    /** Mounts the real TaskTable component with n frozen tasks; resolves with the milliseconds to the next frame. */
    private static final String MOUNT = """
            const n = arguments[0];
            const done = arguments[arguments.length - 1];
            const { createApp, h } = await import('vue');
            const { default: TaskTable } = await import('/components/TaskTable.js');
            const states = ['QUEUED', 'WAITING', 'RUNNING', 'DONE', 'FAILED'];
            const tasks = [];
            for (let i = 0; i < n; i++) {
              tasks.push(Object.freeze({ id: 'task-' + i, key: 'train/set/ordinary/10-5/' + i, kind: 'train',
                state: states[i % states.length], attempt: 1, maxAttempts: 3, worker: 'worker-' + (i % 8),
                error: null, updatedAt: new Date().toISOString() }));
            }
            const element = document.createElement('div');
            document.body.appendChild(element);
            const start = performance.now();
            const app = createApp({ render: () => h(TaskTable, { tasks, version: 0 }) });
            app.mount(element);
            requestAnimationFrame(() => setTimeout(() => {
              const ms = performance.now() - start;
              const rows = element.querySelectorAll('[data-test="task-row"]').length;
              app.unmount();
              element.remove();
              done(rows > 0 ? ms : -1);
            }, 0));
            """;
}
