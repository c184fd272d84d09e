package org.taskneurons.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.TaskKind;

class XGBoostSettingsTest {
    private static final XGBoostSettings DEFAULTS = XGBoostSettings.defaults();

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withRounds(0), "rounds must be at least 1: 0"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withMaxDepth(31),
                        "max depth out of range [1, 30]: 31"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withEta(0), "eta out of range (0, 1]: 0.0"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withSubsample(1.5),
                        "subsample out of range (0, 1]: 1.5"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withColumnSample(Double.NaN),
                        "column sample out of range (0, 1]: NaN"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withMinChildWeight(-1),
                        "min child weight must be finite and at least 0: -1.0"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withLambda(Double.POSITIVE_INFINITY),
                        "lambda must be finite and at least 0: Infinity"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withThreads(0), "threads must be at least 1: 0"),
                Arguments.of((Supplier<XGBoostSettings>) () -> DEFAULTS.withEarlyStoppingRounds(-2),
                        "early stopping rounds must be at least 0: -2"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void invalidSettingsAreRejectedWithTheValue(Supplier<XGBoostSettings> settings, String message) {
        assertThatThrownBy(settings::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultsAreXGBoostsOwnWithOneThread() {
        assertThat(DEFAULTS).isEqualTo(new XGBoostSettings(100, 6, 0.3, 1, 1, 1, 1, 0, 1, 10));
    }

    static Stream<Arguments> objectives() {
        return Stream.of(
                Arguments.of(TaskKind.REGRESSION, 0, "reg:squarederror", null),
                Arguments.of(TaskKind.CLASSIFICATION, 2, "binary:logistic", null),
                Arguments.of(TaskKind.CLASSIFICATION, 4, "multi:softprob", 4));
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void theObjectiveFollowsTheTask(TaskKind task, int classes, String objective, Integer numClass) {
        var parameters = DEFAULTS.withSeed(7).withThreads(3).boosterParameters(task, classes);

        assertThat(parameters).containsEntry("objective", objective).containsEntry("seed", 7L)
                .containsEntry("nthread", 3).containsEntry("max_depth", 6).containsEntry("eta", 0.3);
        assertThat(parameters.get("num_class")).isEqualTo(numClass);
    }
}
