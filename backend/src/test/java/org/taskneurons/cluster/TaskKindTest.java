package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Task kinds keep the labels stores already hold, and a stored kind nobody knows is named in the error. */
class TaskKindTest {

    @Test
    void theLabelsAreThoseInTheStoreAndOnTheWire() {
        assertThat(Arrays.stream(TaskKind.values()).map(TaskKind::label)).containsExactly("discover", "train", "noop",
                "search");
        for (TaskKind kind : TaskKind.values()) {
            assertThat(TaskKind.of(kind.label())).isEqualTo(kind);
            assertThat(kind.is(kind.label())).isTrue();
        }
        assertThat(TaskKind.TRAIN.is("discover")).isFalse();
        assertThat(TaskKind.TRAIN.is(null)).isFalse();
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> TaskKind.of("predict")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'predict' is not one of discover, train, noop, search");
    }
}
