package org.taskneurons.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Scaling;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.sr.Criterion;
import org.taskneurons.sr.Discovery;
import org.taskneurons.sr.Selection;

/**
 * An experiment as a user writes it (JSON or YAML, field names in snake_case): data sets, the
 * discovery step, the models to compare, network structures, training settings and seeds.
 * Absent fields take the defaults documented on each record; {@link SpecReader} reads and
 * {@link SpecValidation} checks a spec, naming the field of every problem.
 *
 * @param version    spec format version, 1
 * @param name       shown in lists and tables
 * @param datasets   at least one
 * @param discovery  the symbolic-regression step, run once per data set
 * @param models     at least one; default task-based and ordinary
 * @param structures hidden-layer widths, one network per entry ([] is a single layer); default [[10]]
 * @param training   optimizer and schedule
 * @param seeds      one training run per seed; default [0]
 * @param split      train/validation/test fractions
 * @param search     tune each model's training on the validation rows first, then run its best
 *                   configuration over the seeds; none (null) trains the spec's settings as they are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(Integer version, String name, List<DatasetSpec> datasets, DiscoverySpec discovery,
        List<ModelKind> models, List<List<Integer>> structures, TrainingSpec training, List<Long> seeds, SplitSpec split,
        SearchSpec search) {

    public static final int CURRENT_VERSION = 1;

    public ExperimentSpec {
        version = version == null ? CURRENT_VERSION : version;
        datasets = datasets == null ? List.of() : datasets;
        discovery = discovery == null ? DiscoverySpec.defaults() : discovery;
        models = models == null ? List.of(ModelKind.TASK_BASED, ModelKind.ORDINARY) : models;
        structures = structures == null ? List.of(List.of(10)) : structures;
        training = training == null ? TrainingSpec.defaults() : training;
        seeds = seeds == null ? List.of(0L) : seeds;
        split = split == null ? SplitSpec.defaults() : split;
    }

    /** The data set named {@code name}; a name the spec does not hold is an error naming it. */
    public DatasetSpec dataset(String name) {
        return datasets.stream().filter(dataset -> dataset.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the spec has no data set '" + name + "'"));
    }

    /**
     * One data set: a file under a data root, or a built-in synthetic set.
     *
     * @param name        unique within the experiment; default the file name or the synthetic name
     * @param file        path relative to a data root (or absolute inside one)
     * @param synthetic   instead of a file: paper-noG-LEVEL (G 1..7, LEVEL low|medium|high)
     * @param dataSeed    seed of a synthetic set; default 1
     * @param target      column name, 1-based index, first or last; default last
     * @param drop        columns to ignore
     * @param categorical columns to encode as categories
     * @param task        auto, regression or classification; default auto
     * @param header      auto, present or absent; default auto
     * @param delimiter   auto, comma, tab, semicolon or whitespace; default auto
     * @param missing     reject, mean, median or drop_rows; default reject
     * @param epochs      this data set's epochs instead of the training's (big sets need fewer)
     * @param batchSize   this data set's batch size instead of the training's
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetSpec(String name, String file, String synthetic, Long dataSeed, String target, List<String> drop,
            List<String> categorical, ReadOptions.Task task, ReadOptions.Header header, ReadOptions.Delimiter delimiter,
            ReadOptions.Missing missing, Integer epochs, Integer batchSize) {
        public DatasetSpec {
            ReadOptions read = ReadOptions.defaults();
            dataSeed = dataSeed == null ? 1L : dataSeed;
            target = target == null ? read.target() : target;
            drop = drop == null ? List.of() : drop;
            categorical = categorical == null ? List.of() : categorical;
            task = task == null ? read.task() : task;
            header = header == null ? read.header() : header;
            delimiter = delimiter == null ? read.delimiter() : delimiter;
            missing = missing == null ? read.missing() : missing;
            if (name == null) {
                name = synthetic != null ? synthetic : file == null ? null : java.nio.file.Path.of(file).getFileName().toString();
            }
        }
    }

    /**
     * The symbolic-regression step.
     *
     * @param method      auto, gp or subset; default auto
     * @param scale       none, minmax or standard, applied to the training rows before the search;
     *                    default minmax (the paper's Table 5: the formula then suits networks
     *                    trained on min-max scaled data)
     * @param maxPower    subset library powers; default 6
     * @param bases       subset library base functions
     * @param ops         genetic-programming operators; default the paper's +, -, *, neg
     * @param criterion   bic, aic or cv (5-fold cross-validation, one-standard-error rule); default bic
     * @param population  genetic programming; default 500
     * @param generations genetic programming; default 80
     * @param seed        genetic programming, and the split whose training rows are searched; default 0
     * @param formula     a known formula to use instead of searching (any text {@code Formula.parse} reads)
     * @param maxTerms    most Σ terms of the formula; default none
     * @param tieBreak    prefer lower powers among near-equal candidates ({@link org.taskneurons.sr.Selection});
     *                    default true
     * @param folds       k of the cross-validation of criterion cv; default 5
     * @param stability   bootstrap resamples of the stability report; 0 turns it off; default 20
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DiscoverySpec(Discovery.Method method, Scaling scale, Integer maxPower, List<String> bases,
            List<String> ops, Criterion criterion, Integer population, Integer generations, Long seed, String formula, Integer maxTerms,
            Boolean tieBreak, Integer folds, Integer stability) {
        public DiscoverySpec {
            method = method == null ? Discovery.Settings.defaults().method() : method;
            scale = scale == null ? Scaling.MIN_MAX : scale;
            maxPower = maxPower == null ? Discovery.Settings.defaults().maxPower() : maxPower;
            bases = bases == null ? List.of() : bases;
            ops = ops == null ? List.of() : ops;
            criterion = criterion == null ? Selection.defaults().criterion() : criterion;
            population = population == null ? 500 : population;
            generations = generations == null ? 80 : generations;
            seed = seed == null ? 0L : seed;
            tieBreak = tieBreak == null ? Selection.defaults().tieBreak() : tieBreak;
            folds = folds == null ? Selection.DEFAULT_FOLDS : folds;
            stability = stability == null ? Discovery.Settings.DEFAULT_STABILITY : stability;
        }

        public static DiscoverySpec defaults() {
            return new DiscoverySpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** The same step with another criterion and tie-break (the criteria evaluation varies these). */
        public DiscoverySpec withSelection(Criterion criterionValue, boolean tieBreakValue) {
            return new DiscoverySpec(method, scale, maxPower, bases, ops, criterionValue, population, generations, seed, formula,
                    maxTerms, tieBreakValue, folds, stability);
        }
    }

    /**
     * Training of the networks (XGBoost uses its own defaults and the seed).
     *
     * @param optimizer        adam, sgd or rmsprop; default rmsprop (the paper's)
     * @param learningRate     default 0.001
     * @param learningRates    per-model overrides, e.g. {ordinary: 0.01} as in the paper
     * @param epochs           default 300
     * @param batchSize        default 10
     * @param weightDecay      default 0
     * @param patience         early-stopping patience in epochs on the validation part; 0 (default): none
     * @param activation       relu, sigmoid or tanh; default relu
     * @param scale            none, minmax or standard for inputs and a regression target; default minmax
     * @param matchParameters  shrink task-based networks to at most the ordinary network's
     *                         parameters (the paper's rule); default true
     * @param modelStructures  per-model hidden widths used instead of every structure entry, e.g.
     *                         {task-based: []} for the paper's synthetic run (one task-based layer
     *                         against an ordinary 10-2-1 network); tables still group by the entry
     * @param engine           auto, djl or fused: who computes the training steps (see
     *                         {@code TrainingEngine}); default auto, the fused path on the CPU for
     *                         small networks and DJL otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingSpec(OptimizerKind optimizer, Double learningRate, Map<ModelKind, Double> learningRates,
            Integer epochs, Integer batchSize, Double weightDecay, Integer patience, HiddenActivation activation,
            Scaling scale, Boolean matchParameters, Map<ModelKind, List<Integer>> modelStructures, TrainingEngine engine) {
        public TrainingSpec {
            optimizer = optimizer == null ? OptimizerKind.RMSPROP : optimizer;
            learningRate = learningRate == null ? 0.001 : learningRate;
            learningRates = learningRates == null ? Map.of() : learningRates;
            epochs = epochs == null ? 300 : epochs;
            batchSize = batchSize == null ? 10 : batchSize;
            weightDecay = weightDecay == null ? 0.0 : weightDecay;
            patience = patience == null ? 0 : patience;
            activation = activation == null ? HiddenActivation.RELU : activation;
            scale = scale == null ? Scaling.MIN_MAX : scale;
            matchParameters = matchParameters == null ? Boolean.TRUE : matchParameters;
            modelStructures = modelStructures == null ? Map.of() : modelStructures;
            engine = engine == null ? TrainingEngine.AUTO : engine;
        }

        public static TrainingSpec defaults() {
            return new TrainingSpec(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** The hidden widths of one model for a structure entry: its override, else the entry. */
        public List<Integer> structure(ModelKind model, List<Integer> entry) {
            return modelStructures.getOrDefault(model, entry);
        }

        /** The learning rate of one model: its override, else the common one. */
        public double learningRate(ModelKind model) {
            return learningRates.getOrDefault(model, learningRate);
        }
    }

    /**
     * Fractions of the rows held out; the rest trains. Classification splits are stratified.
     *
     * @param test       share of all rows, default 0.2 (the paper's 8:2)
     * @param validation share of the non-test rows held out for early stopping, default 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SplitSpec(Double test, Double validation) {
        public SplitSpec {
            test = test == null ? 0.2 : test;
            validation = validation == null ? 0.0 : validation;
        }

        public static SplitSpec defaults() {
            return new SplitSpec(null, null);
        }
    }

    /**
     * A search over training settings, the same for every model and data set.
     *
     * @param method grid, random or asha; default asha
     * @param trials trials per model and data set (random, asha; a grid has all its combinations);
     *               default 27, at most {@value #MAX_TRIALS}
     * @param metric what decides, on the validation rows: val_mse or val_accuracy; default
     *               val_mse for regression and val_accuracy for classification
     * @param budget epochs per trial
     * @param space  the hyperparameters varied ({@link Hyperparameter}): a list is a choice,
     *               {uniform|log_uniform|int_uniform: [lo, hi]} a range
     * @param seed   the stream the trials are drawn from; default 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SearchSpec(SearchMethod method, Integer trials, SearchMetric metric, BudgetSpec budget,
            Map<String, Object> space, Long seed) {
        /** Most trials per model and data set. */
        public static final int MAX_TRIALS = 1000;

        public SearchSpec {
            method = method == null ? SearchMethod.ASHA : method;
            trials = trials == null ? 27 : trials;
            budget = budget == null ? BudgetSpec.defaults() : budget;
            space = space == null ? Map.of() : space;
            seed = seed == null ? 0L : seed;
        }
    }

    /**
     * Epochs of a search's trials: ASHA's rungs run min_epochs, min_epochs·eta, … up to
     * max_epochs; grid and random trials run max_epochs.
     *
     * @param minEpochs the first rung; default 3
     * @param maxEpochs the last rung and the epochs of the final runs; default 81
     * @param eta       the promotion factor: the best 1/eta of a rung go on with eta times the epochs; default 3
     * @param graceEpochs no trial stops before it has trained this many epochs: a rung of fewer
     *                  epochs promotes every trial that did not diverge; default min_epochs (none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetSpec(Integer minEpochs, Integer maxEpochs, Integer eta, Integer graceEpochs) {
        public BudgetSpec {
            minEpochs = minEpochs == null ? 3 : minEpochs;
            maxEpochs = maxEpochs == null ? 81 : maxEpochs;
            eta = eta == null ? 3 : eta;
            graceEpochs = graceEpochs == null ? minEpochs : graceEpochs;
        }

        public static BudgetSpec defaults() {
            return new BudgetSpec(null, null, null, null);
        }
    }
}
