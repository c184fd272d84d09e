package org.taskneurons.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The hyperparameters a search varies: each a list of choices, or a range
 * {@code {uniform | log_uniform | int_uniform: [lo, hi]}}. Trials are drawn in the order of
 * {@link Hyperparameter}, whatever the order of the spec, so the same space and seed always
 * give the same trials.
 */
public final class SearchSpace {
    private final Map<Hyperparameter, Domain> domains;

    private SearchSpace(Map<Hyperparameter, Domain> domains) {
        this.domains = domains;
    }

    /** Where one hyperparameter's values come from. */
    sealed interface Domain permits Choice, Range {
        Object draw(SplittableRandom random);
    }

    /** One of the listed values, each equally likely. */
    record Choice(List<Object> values) implements Domain {
        @Override
        public Object draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** A number between two bounds: uniform, uniform in its logarithm, or a uniform whole number. */
    record Range(String kind, double lo, double hi) implements Domain {
        @Override
        public Object draw(SplittableRandom random) {
            return switch (kind) {
                case "log_uniform" -> Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * random.nextDouble());
                case "int_uniform" -> (int) lo + random.nextInt((int) hi - (int) lo + 1);
                default -> lo + (hi - lo) * random.nextDouble();
            };
        }
    }

    /** The space of a spec's {@code search.space}; every problem is added to {@code violations}, naming its field. */
    static SearchSpace parse(Map<String, Object> space, List<Violation> violations) {
        Map<Hyperparameter, Domain> domains = new EnumMap<>(Hyperparameter.class);
        if (space.isEmpty()) {
            violations.add(new Violation("search.space", "empty: give at least one hyperparameter"));
        }
        space.forEach((name, value) -> {
            String field = "search.space." + name;
            Hyperparameter.find(name).ifPresentOrElse(
                    parameter -> domain(parameter, value, field, violations).ifPresent(domain -> domains.put(parameter, domain)),
                    () -> violations.add(new Violation(field, "unknown hyperparameter (known: " + Hyperparameter.labels() + ")")));
        });
        return new SearchSpace(domains);
    }

    private static Optional<Domain> domain(Hyperparameter parameter, Object value, String field,
            List<Violation> violations) {
        int before = violations.size();
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                violations.add(new Violation(field, "empty: give at least one choice"));
            }
            for (int i = 0; i < list.size(); i++) {
                int at = i;
                parameter.problem(list.get(i)).ifPresent(problem -> violations.add(new Violation(field + "[" + at + "]", problem)));
            }
            return violations.size() == before ? Optional.of(new Choice(List.copyOf(list))) : Optional.empty();
        }
        if (!(value instanceof Map<?, ?> range) || range.size() != 1) {
            violations.add(new Violation(field, "must be a list of choices or one range {uniform|log_uniform|int_uniform: [lo, hi]}"));
            return Optional.empty();
        }
        Map.Entry<?, ?> only = range.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        String at = field + "." + kind;
        if (!parameter.ranges().contains(kind)) {
            violations.add(new Violation(at, parameter.ranges().isEmpty()
                    ? parameter.label() + " takes a list of choices, not a range"
                    : "not a range of " + parameter.label() + " (" + String.join(", ", parameter.ranges().stream().sorted().toList()) + ")"));
            return Optional.empty();
        }
        if (!(only.getValue() instanceof List<?> bounds) || bounds.size() != 2
                || !(bounds.get(0) instanceof Number low) || !(bounds.get(1) instanceof Number high)) {
            violations.add(new Violation(at, "must be two numbers [lo, hi]: " + only.getValue()));
            return Optional.empty();
        }
        double lo = low.doubleValue();
        double hi = high.doubleValue();
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            violations.add(new Violation(at, "needs finite bounds with lo ≤ hi: [" + lo + ", " + hi + "]"));
        } else if (kind.equals("log_uniform") && lo <= 0) {
            violations.add(new Violation(at, "a log range needs bounds > 0: [" + lo + ", " + hi + "]"));
        } else if (kind.equals("int_uniform") && (!(low instanceof Integer) || !(high instanceof Integer))) {
            violations.add(new Violation(at, "needs whole-number bounds: [" + lo + ", " + hi + "]"));
        } else {
            parameter.problem(kind.equals("int_uniform") ? (Object) low.intValue() : (Object) lo)
                    .ifPresent(problem -> violations.add(new Violation(at, "lower bound " + problem)));
        }
        return violations.size() == before ? Optional.of(new Range(kind, lo, hi)) : Optional.empty();
    }

    boolean has(Hyperparameter parameter) {
        return domains.containsKey(parameter);
    }

    /** Whether every hyperparameter is a list of choices (a grid needs that). */
    boolean isDiscrete() {
        return domains.values().stream().allMatch(domain -> domain instanceof Choice);
    }

    /** How many trials a grid has: the product of the choice counts. */
    long gridSize() {
        long size = 1;
        for (Domain domain : domains.values()) {
            size *= domain instanceof Choice choice ? choice.values().size() : 1;
        }
        return size;
    }

    /** {@code count} configurations drawn from one stream seeded with {@code seed}. */
    List<Map<String, Object>> draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            Map<String, Object> config = new LinkedHashMap<>();
            domains.forEach((parameter, domain) -> config.put(parameter.label(), domain.draw(random)));
            trials.add(config);
        }
        return trials;
    }

    /** Every combination of the choices, the last hyperparameter varying fastest. */
    List<Map<String, Object>> grid() {
        List<Map<String, Object>> trials = new ArrayList<>();
        trials.add(new LinkedHashMap<>());
        for (Map.Entry<Hyperparameter, Domain> entry : domains.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : trials) {
                for (Object value : ((Choice) entry.getValue()).values()) {
                    Map<String, Object> config = new LinkedHashMap<>(partial);
                    config.put(entry.getKey().label(), value);
                    next.add(config);
                }
            }
            trials = next;
        }
        return trials;
    }
}
