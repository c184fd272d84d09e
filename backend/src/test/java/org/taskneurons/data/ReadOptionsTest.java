package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.taskneurons.data.ReadOptions.Delimiter;
import org.taskneurons.data.ReadOptions.Encoding;
import org.taskneurons.data.ReadOptions.Header;
import org.taskneurons.data.ReadOptions.Missing;
import org.taskneurons.data.ReadOptions.Task;

/** The defaults and the copy-on-change options. */
class ReadOptionsTest {

    @Test
    void defaultsDetectEverythingAndRejectMissingValues() {
        ReadOptions options = ReadOptions.defaults();

        assertThat(options.target()).isEqualTo("last");
        assertThat(options.drop()).isEmpty();
        assertThat(options.categorical()).isEmpty();
        assertThat(options.task()).isEqualTo(Task.AUTO);
        assertThat(options.header()).isEqualTo(Header.AUTO);
        assertThat(options.delimiter()).isEqualTo(Delimiter.AUTO);
        assertThat(options.encoding()).isEqualTo(Encoding.ONE_HOT);
        assertThat(options.missing()).isEqualTo(Missing.REJECT);
        assertThat(options.missingTokens()).containsExactlyInAnyOrder("", "?", "NA", "NaN", "nan", "null");
        assertThat(options.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void withersChangeOneThingAndLeaveTheOriginal() {
        ReadOptions defaults = ReadOptions.defaults();
        ReadOptions changed = defaults.withTarget("y").withDrop("id").withMissing(Missing.MEDIAN);

        assertThat(changed.target()).isEqualTo("y");
        assertThat(changed.drop()).containsExactly("id");
        assertThat(changed.missing()).isEqualTo(Missing.MEDIAN);
        assertThat(changed.encoding()).isEqualTo(Encoding.ONE_HOT);
        assertThat(defaults).isEqualTo(ReadOptions.defaults());
    }

    @Test
    void rejectsABlankTarget() {
        assertThatThrownBy(() -> ReadOptions.defaults().withTarget(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target column must not be blank: ' '");
    }
}
