package org.taskneurons.cli;

import java.io.PrintWriter;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.PlannedTask;

/** One stderr line per finished task, so a long local run shows that it moves (stdout keeps the report). */
final class ProgressLines implements LocalRunner.Listener {
    private final PrintWriter err;

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void finished(PlannedTask task, double seconds) {
        synchronized (err) {
            err.printf("done %-60s %8.2f s%n", task.key(), seconds);
            err.flush();
        }
    }
}
