package org.taskneurons.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.taskneurons.data.ReadOptions.Delimiter;

/**
 * Picks the delimiter of a file from its first records: the candidate under which the most
 * records share one field count above 1, preferring comma, then tab, semicolon and
 * whitespace on ties. Counting whole records (quotes respected) rather than characters keeps
 * commas inside quoted names from misleading it.
 */
final class DelimiterDetection {
    private static final List<Delimiter> CANDIDATES =
            List.of(Delimiter.COMMA, Delimiter.TAB, Delimiter.SEMICOLON, Delimiter.WHITESPACE);
    private static final int SAMPLE_RECORDS = 20;

    private DelimiterDetection() {
    }

    /** The delimiter for {@code sample}, the file's first complete lines; comma when nothing splits them. */
    static Delimiter detect(String sample, String source) {
        Delimiter best = Delimiter.COMMA;
        int bestAgreement = 0;
        for (Delimiter candidate : CANDIDATES) {
            int agreement = agreement(candidate, sample, source);
            if (agreement > bestAgreement) {
                best = candidate;
                bestAgreement = agreement;
            }
        }
        return best;
    }

    /** How many sampled records have the most common field count, or 0 when that count is 1. */
    private static int agreement(Delimiter candidate, String sample, String source) {
        Map<Integer, Integer> recordsBySize = new HashMap<>();
        RecordReader records = new RecordReader(new StringReader(sample), candidate, source);
        try {
            for (int i = 0; i < SAMPLE_RECORDS && records.next(); i++) {
                recordsBySize.merge(records.size(), 1, Integer::sum);
            }
        } catch (DataException unclosedQuoteInSample) {
            // The sample may end inside a quoted field; judge by the records read so far.
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        recordsBySize.remove(1);
        return recordsBySize.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
