package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.SpecException;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.store.ExperimentDraft;
import org.taskneurons.store.TaskDraft;

/**
 * What a submission stores and what a leased task's worker gets: the spec once per
 * experiment, and per task only its own part, so the cost grows with the number of tasks and
 * not with the number of tasks times the length of the seed list.
 */
class SubmissionTest {
    private static final String TRAINING = "train/paper-no1-low/ordinary/10/1";

    private static JsonObject request(int seeds) {
        JsonObject spec = new JsonObject().put("name", "many seeds")
                .put("datasets", new JsonArray().add(new JsonObject().put("synthetic", "paper-no1-low"))
                        .add(new JsonObject().put("synthetic", "paper-no2-low")))
                .put("models", new JsonArray().add("ordinary").add("task-based"))
                .put("training", new JsonObject().put("epochs", 7).put("learning_rates", new JsonObject().put("ordinary", 0.01)))
                .put("seeds", new JsonArray(LongStream.rangeClosed(1, seeds).boxed().toList()));
        return new JsonObject().put("v", 1).put("spec", spec);
    }

    private static ExperimentDraft draft(int seeds) {
        return Submission.draft(request(seeds), List.of(), 3);
    }

    private static String input(ExperimentDraft draft, String key) {
        return draft.tasks().stream().filter(task -> task.key().equals(key)).findFirst().orElseThrow().inputJson();
    }

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {10, 256})
    void trainingsShareABundleKeyOnlyWhereSideBySideCanBeFaster(int batchSize) {
        JsonObject request = request(2);
        request.getJsonObject("spec").getJsonObject("training").put("batch_size", batchSize);

        ExperimentDraft draft = Submission.draft(request, List.of(), 3);

        for (TaskDraft task : draft.tasks()) {
            if (!task.key().startsWith("train/")) {
                assertThat(task.bundleKey()).as(task.key()).isNull();
            } else if (batchSize == 10) {
                // The key names what bundled tasks share: everything in the task key but the seed.
                assertThat(task.bundleKey()).as(task.key())
                        .isEqualTo(task.key().substring(0, task.key().lastIndexOf('/')));
            } else {
                // Even one input's network of width 10 takes more than TrialBatch's limit per step at batch 256.
                assertThat(task.bundleKey()).as(task.key()).isNull();
            }
        }
    }

    @Test
    void aStoredTaskHoldsOnlyItsOwnPartHoweverManySeedsTheSpecLists() {
        ExperimentDraft few = draft(3);
        ExperimentDraft many = draft(20_000);

        assertThat(many.tasks()).hasSize(2 * (1 + 2 * 20_000));
        assertThat(input(many, TRAINING)).isEqualTo(input(few, TRAINING));
        assertThat(input(many, "discover/paper-no1-low")).isEqualTo(input(few, "discover/paper-no1-low"));
        assertThat(many.tasks()).allSatisfy(task -> assertThat(task.inputJson()).hasSizeLessThan(200)
                .doesNotContain("\"spec\""));
        assertThat(new JsonObject(input(many, TRAINING)).getJsonObject("task")).isEqualTo(new JsonObject()
                .put("key", TRAINING).put("kind", "train").put("dataset", "paper-no1-low").put("model", "ordinary")
                .put("structure", new JsonArray().add(10)).put("seed", 1));
        assertThat(SpecReader.parse(many.specJson(), false).seeds()).hasSize(20_000);
    }

    @Test
    void theWorkerGetsTheSpecNarrowedToItsTaskWhateverTheSeedList() {
        ExperimentDraft few = draft(3);
        ExperimentDraft many = draft(20_000);
        String manyInput = TaskSpecs.of(many.specJson()).workerInput(input(many, TRAINING));

        assertThat(manyInput).isEqualTo(TaskSpecs.of(few.specJson()).workerInput(input(few, TRAINING)));
        ExperimentSpec full = SpecReader.parse(many.specJson(), false);
        ExperimentSpec narrowed = SpecReader.parse(new JsonObject(manyInput).getJsonObject("spec").encode(), false);
        assertThat(narrowed.datasets()).containsExactly(full.datasets().get(0));
        assertThat(narrowed.models()).containsExactly(ModelKind.ORDINARY);
        assertThat(narrowed.structures()).containsExactly(List.of(10));
        assertThat(narrowed.seeds()).containsExactly(1L);
        assertThat(narrowed.training()).isEqualTo(full.training());
        assertThat(narrowed.discovery()).isEqualTo(full.discovery());
        assertThat(narrowed.split()).isEqualTo(full.split());

        String discovery = TaskSpecs.of(many.specJson()).workerInput(input(many, "discover/paper-no2-low"));
        ExperimentSpec discoverySpec = SpecReader.parse(new JsonObject(discovery).getJsonObject("spec").encode(), false);
        assertThat(discoverySpec.datasets()).containsExactly(full.datasets().get(1));
        assertThat(discoverySpec.seeds()).isEmpty();
    }

    /**
     * Validation only counts the tasks. Before, it built every task input with the whole spec in
     * it: 20,000 seeds allocated gigabytes and ran the server out of memory. The bound is far
     * above what parsing the spec takes and far below one spec copy per task.
     */
    @ParameterizedTest(name = "{0} seeds")
    @ValueSource(ints = {2_000, 20_000})
    void validatingManySeedsAllocatesAboutTheSpecNotTheSpecPerTask(int seeds) {
        JsonObject request = request(seeds);
        long[] tasks = new long[1];
        long allocated = allocatedBy(() -> tasks[0] = Submission.taskCount(request, List.of()));

        assertThat(tasks[0]).isEqualTo(2 * (1 + 2L * seeds));
        assertThat(allocated).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void storingManySeedsAllocatesInProportionToTheTasks() {
        JsonObject request = request(20_000);
        ExperimentDraft[] draft = new ExperimentDraft[1];
        long allocated = allocatedBy(() -> draft[0] = Submission.draft(request, List.of(), 3));

        long storedBytes = draft[0].specJson().length()
                + draft[0].tasks().stream().map(TaskDraft::inputJson).mapToLong(String::length).sum();
        assertThat(storedBytes).isLessThan(draft[0].specJson().length() + 200L * draft[0].tasks().size());
        assertThat(allocated).isLessThan(16_384L * draft[0].tasks().size());
    }

    @Test
    void namesWithControlCharactersAreRefusedNamingTheField() {
        for (String name : List.of("nul\u0000", "tab\there", "line\nbreak")) {
            assertThatThrownBy(() -> Submission.draft(request(1).put("name", name), List.of(), 3))
                    .isInstanceOf(SpecException.class).hasMessageContaining("name: contains a control character");
            JsonObject noop = new JsonObject().put("v", 1).put("noop", new JsonObject().put("tasks", 1).put("name", name));
            assertThatThrownBy(() -> Submission.taskCount(noop, List.of()))
                    .isInstanceOf(SpecException.class).hasMessageContaining("noop.name: contains a control character");
        }
    }

    private static long allocatedBy(Runnable work) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
