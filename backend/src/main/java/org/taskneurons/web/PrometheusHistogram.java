package org.taskneurons.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One histogram read from Prometheus' text format, as {@code /metrics} serves it: the
 * cumulative count of observations at or below each bucket's upper bound, summed over every
 * series of the histogram whose labels include the asked ones.
 *
 * <pre>{@code
 * Map<String, String> noop = Map.of("type", "noop", "outcome", "done");
 * PrometheusHistogram before = PrometheusHistogram.read(scrape, "tn_task_duration_seconds", noop);
 * // … run tasks, scrape again …
 * double p50 = PrometheusHistogram.read(later, "tn_task_duration_seconds", noop).since(before).quantile(0.5);
 * }</pre>
 */
public final class PrometheusHistogram {
    /** {@code name{labels} value [timestamp]}; the labels are split by {@link #LABEL}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(?:,|$)");
    private static final String BOUND = "le";

    /** Upper bound (seconds, for a timer; +Inf last) → observations at or below it. */
    private final NavigableMap<Double, Double> cumulative;

    private PrometheusHistogram(NavigableMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    /**
     * The histogram {@code name} (without the {@code _bucket} suffix) in {@code text}, over the
     * series whose labels include {@code labels}; empty where no series matches.
     *
     * @throws IllegalArgumentException when a bucket of the histogram has no bound or no number
     */
    public static PrometheusHistogram read(String text, String name, Map<String, String> labels) {
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        String bucket = name + "_bucket";
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(bucket)) {
                continue;
            }
            Map<String, String> found = labels(sample.group(2) == null ? "" : sample.group(2), number);
            if (found.entrySet().containsAll(labels.entrySet())) {
                String bound = found.get(BOUND);
                if (bound == null) {
                    throw new IllegalArgumentException("line " + number + ": bucket of " + name + " without '" + BOUND
                            + "': " + line);
                }
                cumulative.merge(number(bound, number), number(sample.group(3), number), Double::sum);
            }
        }
        return new PrometheusHistogram(cumulative);
    }

    /** The observations made since {@code before}, a read of the same histogram earlier. */
    public PrometheusHistogram since(PrometheusHistogram before) {
        NavigableMap<Double, Double> measured = new TreeMap<>();
        cumulative.forEach((bound, count) -> measured.put(bound, count - before.cumulative.getOrDefault(bound, 0.0)));
        return new PrometheusHistogram(measured);
    }

    /** How many observations the histogram holds (its +Inf bucket). */
    private double count() {
        return cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    }

    /**
     * The q-quantile, interpolated linearly inside its bucket as Prometheus'
     * {@code histogram_quantile} does (the lower bound of the +Inf bucket where it falls there);
     * NaN for a histogram without observations.
     */
    public double quantile(double q) {
        double total = count();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower;
                }
                double inBucket = bucket.getValue() - below;
                return inBucket <= 0 ? bucket.getKey() : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower;
    }

    private static Map<String, String> labels(String text, int line) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        int end = 0;
        while (end < text.length()) {
            if (!label.find(end) || label.start() != end) {
                throw new IllegalArgumentException("line " + line + ": unreadable labels at '" + text.substring(end) + "'");
            }
            labels.put(label.group(1), unescaped(label.group(2)));
            end = label.end();
        }
        return labels;
    }

    /** A label value as written, with {@code \\}, {@code \"} and {@code \n} read back. */
    private static String unescaped(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char escaped = value.charAt(++i);
                text.append(escaped == 'n' ? '\n' : escaped);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static double number(String text, int line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ": not a number: '" + text + "'", e);
                }
            }
        };
    }
}
