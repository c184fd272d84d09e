package org.taskneurons.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.taskneurons.data.Synthetic;
import org.taskneurons.sr.Op;

/**
 * Checks a spec before anything is stored: every problem is collected with the field it
 * concerns, so a user fixes them in one go. Data files must lie inside one of the configured
 * data roots (a spec never reads an arbitrary path of the server).
 */
public final class SpecValidation {
    /** Most tasks one experiment may expand to. */
    public static final int MAX_TASKS = 100_000;


    private final List<Path> dataRoots;
    private final List<Violation> violations = new ArrayList<>();

    private SpecValidation(List<Path> dataRoots) {
        this.dataRoots = dataRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
    }

    /** The problems of a spec; empty when it can run. */
    public static List<Violation> violations(ExperimentSpec spec, List<Path> dataRoots) {
        SpecValidation validation = new SpecValidation(dataRoots);
        validation.check(spec);
        return List.copyOf(validation.violations);
    }

    /** The spec itself, or a {@link SpecException} listing every problem. */
    public static ExperimentSpec requireValid(ExperimentSpec spec, List<Path> dataRoots) {
        List<Violation> found = violations(spec, dataRoots);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return spec;
    }

    /**
     * Where a data set's file really lies: resolved against the roots (the first root that
     * holds it), with every symbolic link followed before the containment check, so a link
     * inside a root that points outside it is refused. The worker resolves again when it
     * opens the file.
     */
    public static Path resolve(String file, List<Path> dataRoots) {
        for (Path root : dataRoots) {
            try {
                Path realRoot = root.toRealPath();
                Path candidate = realRoot.resolve(file).toRealPath();
                if (candidate.startsWith(realRoot) && Files.isRegularFile(candidate)) {
                    return candidate;
                }
            } catch (IOException | InvalidPathException missing) {
                // not in this root
            }
        }
        return null;
    }

    private void check(ExperimentSpec spec) {
        require(spec.version() == ExperimentSpec.CURRENT_VERSION, "version",
                "unsupported version " + spec.version() + " (expected " + ExperimentSpec.CURRENT_VERSION + ")");
        require(spec.name() != null && !spec.name().isBlank(), "name", "missing");
        require(spec.name() == null || spec.name().length() <= 200, "name", "longer than 200 characters");
        printable(spec.name(), "name");
        checkDatasets(spec.datasets());
        checkDiscovery(spec.discovery());
        require(!spec.models().isEmpty(), "models", "empty: give at least one model");
        require(new HashSet<>(spec.models()).size() == spec.models().size(), "models", "duplicates in " + spec.models());
        checkStructures(spec.structures());
        checkTraining(spec.training(), spec.split());
        require(!spec.seeds().isEmpty(), "seeds", "empty: give at least one seed");
        require(new HashSet<>(spec.seeds()).size() == spec.seeds().size(), "seeds", "duplicates in " + spec.seeds());
        if (spec.search() != null) {
            checkSearch(spec);
            return;
        }
        long tasks = TaskGraph.size(spec);
        require(tasks <= MAX_TASKS, "(spec)", "expands to " + tasks + " tasks, more than " + MAX_TASKS);
    }

    /**
     * A search: a space of known hyperparameters with valid choices and ranges, a budget with
     * room for a rung, no more trials than the cap, validation rows to decide on.
     */
    private void checkSearch(ExperimentSpec spec) {
        ExperimentSpec.SearchSpec search = spec.search();
        SearchSpace space = SearchSpace.parse(search.space(), violations);
        ExperimentSpec.BudgetSpec budget = search.budget();
        range(budget.minEpochs(), 1, 1_000_000, "search.budget.min_epochs");
        range(budget.maxEpochs(), 1, 1_000_000, "search.budget.max_epochs");
        require(budget.minEpochs() <= budget.maxEpochs(),
                "search.budget.min_epochs", "greater than max_epochs (" + budget.minEpochs() + " > "
                        + budget.maxEpochs() + "): no room for one rung");
        require(budget.eta() >= 2 && budget.eta() <= 100, "search.budget.eta",
                "must be a whole number in [2, 100]: " + budget.eta());
        require(budget.graceEpochs() >= budget.minEpochs() && budget.graceEpochs() <= budget.maxEpochs(),
                "search.budget.grace_epochs", "must be in [min_epochs, max_epochs]: " + budget.graceEpochs());
        long trials = search.trials();
        if (search.method() == SearchMethod.GRID) {
            require(space.isDiscrete(), "search.method", "grid needs a list of choices for every hyperparameter");
            trials = space.gridSize();
            require(trials <= ExperimentSpec.SearchSpec.MAX_TRIALS, "search.space", "a grid of " + trials
                    + " trials, more than the cap of " + ExperimentSpec.SearchSpec.MAX_TRIALS);
        } else {
            require(search.trials() >= 1 && search.trials() <= ExperimentSpec.SearchSpec.MAX_TRIALS, "search.trials",
                    "out of range [1, " + ExperimentSpec.SearchSpec.MAX_TRIALS + "] (the cap per model and data set): "
                            + search.trials());
        }
        require(spec.split().validation() > 0, "split.validation",
                "a search decides on validation rows carved from the training rows: set split.validation > 0");
        require(!spec.models().contains(ModelKind.XGBOOST), "models",
                "xgboost has no training settings to search: leave it out of a search");
        require(spec.training().patience() == 0, "training.patience", "a search stops trials by its rungs: set 0");
        require(space.has(Hyperparameter.STRUCTURE) || spec.structures().size() == 1, "structures",
                "a search without structure in its space trains one structure: give one entry");
        boolean rungsValid = budget.minEpochs() >= 1 && budget.minEpochs() <= budget.maxEpochs() && budget.eta() >= 2;
        long rungs = rungsValid ? SearchPlan.rungs(search).size() : 1;
        long tasks = spec.datasets().size()
                * (1 + spec.models().size() * (trials * rungs + spec.seeds().size()));
        require(tasks <= MAX_TASKS, "(spec)", "may grow to " + tasks + " tasks, more than " + MAX_TASKS);
    }

    private void checkDatasets(List<ExperimentSpec.DatasetSpec> datasets) {
        require(!datasets.isEmpty(), "datasets", "empty: give at least one data set");
        Set<String> names = new HashSet<>();
        for (int d = 0; d < datasets.size(); d++) {
            ExperimentSpec.DatasetSpec dataset = datasets.get(d);
            String at = "datasets[" + d + "]";
            if (dataset == null) {
                violations.add(new Violation(at, "missing"));
                continue;
            }
            require(dataset.name() != null && !dataset.name().isBlank(), at + ".name", "missing");
            require(dataset.name() == null || names.add(dataset.name()), at + ".name", "duplicate name '" + dataset.name() + "'");
            printable(dataset.name(), at + ".name");
            boolean hasFile = dataset.file() != null;
            require(hasFile != (dataset.synthetic() != null), at, "give exactly one of file and synthetic");
            if (dataset.synthetic() != null) {
                try {
                    Synthetic.paperSet(dataset.synthetic());
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(at + ".synthetic", e.getMessage()));
                }
            }
            if (hasFile) {
                require(resolve(dataset.file(), dataRoots) != null, at + ".file", "'" + dataset.file()
                        + "' is not a file inside the data roots " + dataRoots);
            }
            if (dataset.epochs() != null) {
                range(dataset.epochs(), 1, 1_000_000, at + ".epochs");
            }
            if (dataset.batchSize() != null) {
                range(dataset.batchSize(), 1, 1_000_000, at + ".batch_size");
            }
        }
    }

    private void checkDiscovery(ExperimentSpec.DiscoverySpec discovery) {
        if (discovery.maxTerms() != null) {
            range(discovery.maxTerms(), 1, 64, "discovery.max_terms");
        }
        range(discovery.folds(), 2, 100, "discovery.folds");
        range(discovery.stability(), 0, 10_000, "discovery.stability");
        range(discovery.maxPower(), 0, Op.MAX_POWER, "discovery.max_power");
        range(discovery.population(), 2, 1_000_000, "discovery.population");
        range(discovery.generations(), 0, 1_000_000, "discovery.generations");
        if (discovery.formula() != null) {
            try {
                if (org.taskneurons.sr.Formula.parse(discovery.formula()).terms().isEmpty()) {
                    violations.add(new Violation("discovery.formula", "has no Σ term: '" + discovery.formula() + "'"));
                }
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("discovery.formula", e.getMessage()));
            }
        }
        for (int b = 0; b < discovery.bases().size(); b++) {
            String base = discovery.bases().get(b);
            require(Op.bySymbol(base).filter(op -> op.arity() == 1 && op != Op.NEG && op != Op.POW).isPresent(),
                    "discovery.bases[" + b + "]", "unknown base function '" + base + "' (exp, log, sqrt, sin, cos, tanh, abs)");
        }
        for (int o = 0; o < discovery.ops().size(); o++) {
            String op = discovery.ops().get(o);
            require(Op.bySymbol(op).filter(found -> !found.isTerminal()).isPresent(), "discovery.ops[" + o + "]",
                    "unknown operator '" + op + "' (+ - * / neg ^ exp log sqrt sin cos tanh abs)");
        }
    }

    private void checkStructures(List<List<Integer>> structures) {
        require(!structures.isEmpty(), "structures", "empty: give at least one structure");
        for (int s = 0; s < structures.size(); s++) {
            List<Integer> widths = structures.get(s);
            if (widths == null) {
                violations.add(new Violation("structures[" + s + "]", "missing"));
                continue;
            }
            require(widths.size() <= 20, "structures[" + s + "]", "more than 20 hidden layers: " + widths.size());
            for (int w = 0; w < widths.size(); w++) {
                range(widths.get(w), 1, 100_000, "structures[" + s + "][" + w + "]");
            }
        }
    }

    private void checkTraining(ExperimentSpec.TrainingSpec training, ExperimentSpec.SplitSpec split) {
        positive(training.learningRate(), "training.learning_rate");
        training.learningRates().forEach((model, rate) -> positive(rate, "training.learning_rates." + model.label()));
        training.modelStructures().forEach((model, widths) -> {
            for (int w = 0; w < widths.size(); w++) {
                range(widths.get(w), 1, 100_000, "training.model_structures." + model.label() + "[" + w + "]");
            }
        });
        range(training.epochs(), 1, 1_000_000, "training.epochs");
        range(training.batchSize(), 1, 1_000_000, "training.batch_size");
        require(training.weightDecay() >= 0 && Double.isFinite(training.weightDecay()), "training.weight_decay",
                "must be a finite number ≥ 0: " + training.weightDecay());
        range(training.patience(), 0, 1_000_000, "training.patience");
        require(split.test() > 0 && split.test() < 1, "split.test", "must lie in (0, 1): " + split.test());
        require(split.validation() >= 0 && split.validation() < 1, "split.validation",
                "must lie in [0, 1): " + split.validation());
        require(training.patience() == 0 || split.validation() > 0, "training.patience",
                "early stopping needs a validation part (split.validation > 0)");
    }

    private void printable(String name, String field) {
        require(name == null || !hasControlCharacter(name), field, "contains a control character (NUL, tab, line break, ...)");
    }

    /** Whether a name holds a character no name should: NUL, tab, line breaks and the other C0 and C1 controls. */
    public static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }


    private void range(Integer value, int min, int max, String field) {
        require(value != null && value >= min && value <= max, field, "out of range [" + min + ", " + max + "]: " + value);
    }

    private void positive(Double value, String field) {
        require(value != null && value > 0 && Double.isFinite(value), field, "must be a finite number > 0: " + value);
    }

    private void require(boolean condition, String field, String reason) {
        if (!condition) {
            violations.add(new Violation(field, reason));
        }
    }
}
