package org.taskneurons.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Scaling;
import org.taskneurons.experiment.SearchMetric;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.sr.Criterion;
import org.taskneurons.sr.Discovery;

class ChoiceTest {
    /** Every closed choice a spec or an option names, with its labels in declaration order. */
    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of(OptimizerKind.class, "adam, sgd, rmsprop"),
                Arguments.of(HiddenActivation.class, "relu, sigmoid, tanh"),
                Arguments.of(TrainingEngine.class, "auto, djl, fused"),
                Arguments.of(Scaling.class, "none, minmax, standard"),
                Arguments.of(Discovery.Method.class, "auto, gp, subset"),
                Arguments.of(Criterion.class, "bic, aic, cv"),
                Arguments.of(ReadOptions.Task.class, "auto, regression, classification"),
                Arguments.of(ReadOptions.Header.class, "auto, present, absent"),
                Arguments.of(ReadOptions.Delimiter.class, "auto, comma, tab, semicolon, whitespace"),
                Arguments.of(ReadOptions.Missing.class, "reject, mean, median, drop_rows"),
                Arguments.of(SearchMetric.class, "val_mse, val_accuracy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void everyLabelReadsBackAsItsChoiceThroughTheEnumsOwnOf(Class<?> type, String labels) throws ReflectiveOperationException {
        Method of = type.getMethod("of", String.class);
        for (Object constant : type.getEnumConstants()) {
            String label = ((Choice) constant).label();
            assertThat(label).as("%s", constant).matches("[a-z][a-z0-9_]*");
            assertThat(invoke(of, label)).as(label).isSameAs(constant);
            assertThat(invoke(of, " " + label.toUpperCase(Locale.ROOT) + " ")).as(label).isSameAs(constant);
        }
        assertThat(labels(type)).isEqualTo(labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void anUnknownLabelIsRefusedNamingTheKnownOnes(Class<?> type, String labels) throws ReflectiveOperationException {
        Method of = type.getMethod("of", String.class);
        assertThatThrownBy(() -> invoke(of, "adamw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'adamw' is not one of " + labels);
        assertThatThrownBy(() -> invoke(of, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'null' is not one of " + labels);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"minmax, drop_rows", "min-max, drop-rows", "Min_Max, Drop_Rows", "' MINMAX ', ' DROPROWS '"})
    void aLabelReadsWithOrWithoutItsSeparator(String scaling, String missing) {
        assertThat(Scaling.of(scaling)).isEqualTo(Scaling.MIN_MAX);
        assertThat(ReadOptions.Missing.of(missing)).isEqualTo(ReadOptions.Missing.DROP_ROWS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String labels(Class<?> type) {
        return Choice.labels((Class) type);
    }

    private static Object invoke(Method of, String label) throws IllegalAccessException {
        try {
            return of.invoke(null, label);
        } catch (InvocationTargetException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
