package org.taskneurons.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Scaling;
import org.taskneurons.sr.Criterion;
import org.taskneurons.sr.Discovery;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.FrontPoint;
import org.taskneurons.sr.GpConfig;
import org.taskneurons.sr.Op;
import org.taskneurons.sr.SearchData;
import org.taskneurons.sr.Selection;
import org.taskneurons.sr.Stability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code discover}: vectorized symbolic regression on one data file. */
@Command(name = "discover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Finds one formula g with y ≈ c0 + Σ_t c_t Σ_j g_t(x_j) on a data file.")
final class DiscoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--method", paramLabel = "auto|gp|subset",
            description = "auto: exact subset search for polynomial operators, genetic programming otherwise"
                    + " (default: ${DEFAULT-VALUE}).")
    Discovery.Method method = Discovery.Settings.defaults().method();

    @Option(names = "--scale", defaultValue = "none", paramLabel = "none|minmax|standard",
            description = "Scale inputs and target before the search; the formula is then for the scaled data"
                    + " (minmax is the paper's Table 5) (default: ${DEFAULT-VALUE}).")
    Scaling scale;

    @Option(names = "--max-power", defaultValue = "6", paramLabel = "K",
            description = "Subset search: powers x^1..x^K in the library (default: ${DEFAULT-VALUE}).")
    int maxPower;

    @Option(names = "--bases", split = ",", paramLabel = "FN",
            description = "Subset search: base functions added to the library: exp, log, sqrt, sin, cos, tanh, abs.")
    List<String> bases = List.of();

    @Option(names = "--ops", split = ",", paramLabel = "OP",
            description = "Genetic programming: operators (default: the paper's +,-,*,neg); any of + - * / neg ^ exp log"
                    + " sqrt sin cos tanh abs. A non-polynomial operator makes --method auto choose gp.")
    List<String> ops = List.of();

    @Option(names = "--criterion", paramLabel = "bic|aic|cv", description = "Rule that picks the reported formula from the Pareto front; cv: k-fold cross-validation with the"
                    + " one-standard-error rule (default: ${DEFAULT-VALUE}).")
    Criterion criterion = Selection.defaults().criterion();

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
            description = "Folds of --criterion cv, drawn from --seed (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--max-terms", paramLabel = "N", description = "Report a formula of at most N Σ terms (default: no limit).")
    Integer maxTerms;

    @Option(names = "--tie-break", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Prefer lower powers among candidates within the criterion's tolerance (BIC, AIC: 2; cv: one"
                    + " standard error); --no-tie-break turns it off (default: on).")
    boolean tieBreak;

    @Option(names = "--stability", defaultValue = "20", paramLabel = "B",
            description = "Bootstrap resamples of the stability report; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int stability;

    @Option(names = "--seed", defaultValue = "0", description = "Genetic programming seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--population", description = "Genetic programming population (paper: 500).")
    Integer population;

    @Option(names = "--generations", description = "Genetic programming generations (paper: 80).")
    Integer generations;

    @Option(names = "--max-depth", defaultValue = "8", description = "Genetic programming: deepest tree (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--max-size", defaultValue = "64", description = "Genetic programming: most nodes in a tree (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = "--max-evaluations", defaultValue = "0",
            description = "Stop genetic programming after this many evaluations (0: no limit).")
    long maxEvaluations;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop genetic programming after this long (results then depend on machine speed).")
    Double timeLimit;

    @Option(names = "--threads", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Discovery.Settings settings = settings();
        Dataset dataset = data.read();
        if (dataset.isClassification()) {
            throw new IllegalArgumentException("target '" + dataset.targetName() + "' holds class labels "
                    + dataset.classLabels() + "; symbolic regression needs a numeric target");
        }
        if (scale != Scaling.NONE) {
            dataset = Scaler.fit(dataset, scale).apply(dataset);
        }
        SearchData searchData = SearchData.of(dataset.columns(), dataset.target(),
                dataset.featureNames().toArray(String[]::new), dataset.targetName());
        Discovery.Result result = Discovery.of(settings).run(searchData);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(result, dataset)));
        } else {
            printText(out, result, dataset);
        }
        out.flush();
        return 0;
    }

    private Discovery.Settings settings() {
        GpConfig gp = GpConfig.paper().withLimits(maxDepth, maxSize);
        if (!ops.isEmpty()) {
            gp = gp.withFunctions(operators(ops, "--ops"));
        }
        if (population != null) {
            gp = gp.withPopulation(population);
        }
        if (generations != null) {
            gp = gp.withGenerations(generations);
        }
        if (maxEvaluations > 0 || timeLimit != null) {
            gp = gp.withBudget(maxEvaluations, timeLimit == null ? null : Duration.ofMillis((long) (timeLimit * 1000)));
        }
        Discovery.Settings settings = Discovery.Settings.defaults()
                .withMethod(method)
                .withMaxPower(maxPower)
                .withBases(operators(bases, "--bases"))
                .withGp(gp)
                .withSelection(Selection.of(criterion)
                        .withFolds(folds)
                        .withMaxTerms(maxTerms == null ? Selection.NO_TERM_LIMIT : maxTerms)
                        .withTieBreak(tieBreak))
                .withSeed(seed)
                .withStability(stability);
        return threads == null ? settings : settings.withThreads(threads);
    }

    private static Set<Op> operators(List<String> names, String option) {
        try {
            return Op.functions(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode toJson(Discovery.Result result, Dataset dataset) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        Formula formula = result.formula();
        JsonNode written = mapper.readTree(formula.toJson());
        root.set("formula", written.get("formula"));
        root.put("latex", formula.toLatex());
        root.set("terms", written.get("terms"));
        root.set("intercept", written.get("intercept"));
        root.put("train_mse", result.trainMse());
        root.put("search_seconds", result.searchSeconds());
        root.put("evaluations", result.evaluations());
        root.put("method", result.method().label());
        root.put("rows", dataset.rows());
        root.put("inputs", dataset.featureCount());
        ArrayNode front = root.putArray("pareto_front");
        for (FrontPoint point : result.front()) {
            ObjectNode node = front.addObject();
            node.put("parameters", point.parameters());
            node.put("train_mse", point.mse());
            node.put("score", point.score());
            node.put("formula", point.formula().toString());
            node.put("chosen", point.formula().equals(formula));
        }
        root.put("criterion", criterion.label());
        if (result.stability() != null) {
            root.set("stability", mapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .valueToTree(result.stability()));
        }
        return root;
    }

    private static void printText(PrintWriter out, Discovery.Result result, Dataset dataset) {
        out.printf("formula      %s%n", result.formula());
        out.printf("train MSE    %.6g%n", result.trainMse());
        out.printf("method       %s, %d evaluations in %.3f s%n", result.method().label(),
                result.evaluations(), result.searchSeconds());
        out.printf("data         %s: %d rows, %d inputs, target %s%n", dataset.name(), dataset.rows(),
                dataset.featureCount(), dataset.targetName());
        out.println("pareto front (parameters, train MSE, formula):");
        for (FrontPoint point : result.front()) {
            out.printf("  %s %3d  %-12.6g %s%n", point.formula().equals(result.formula()) ? "*" : " ", point.parameters(),
                    point.mse(), point.formula());
        }
        if (result.stability() != null) {
            printStability(out, result.stability());
        }
    }

    private static void printStability(PrintWriter out, Stability stability) {
        out.printf("stability over %d bootstrap resamples of the rows:%n", stability.resamples());
        out.printf("  modal formula  %s (%.0f%% of resamples)%n", stability.modal(), 100 * stability.modalFrequency());
        out.printf("  this formula   %.0f%% of resamples%n", 100 * stability.chosenFrequency());
        out.println("  term        included   coefficient 95% interval");
        for (Stability.TermStability term : stability.terms()) {
            out.printf("  %-10s  %5.0f%%     [%.6g, %.6g]%n", term.term(), 100 * term.frequency(), term.low(), term.high());
        }
    }
}
