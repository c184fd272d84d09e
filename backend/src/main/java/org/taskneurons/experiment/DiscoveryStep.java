package org.taskneurons.experiment;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Scaling;
import org.taskneurons.data.Split;
import org.taskneurons.data.SplitPlan;
import org.taskneurons.sr.Discovery;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.GpConfig;
import org.taskneurons.sr.Op;
import org.taskneurons.sr.SearchData;
import org.taskneurons.sr.SearchProgress;
import org.taskneurons.sr.Selection;
import org.taskneurons.sr.Stability;

/**
 * The discovery task of one data set: symbolic regression on the training rows of the split
 * drawn with the discovery seed, scaled as the spec says (min-max by default, as the paper's
 * Table 5). Test rows of that split are never seen by the search; a classification target
 * enters as its class id.
 */
public final class DiscoveryStep {
    private DiscoveryStep() {
    }

    /**
     * What a discovery found, in a form that is stored and sent as JSON.
     *
     * @param formula  the formula's exact text ({@link org.taskneurons.sr.Formula#parse} reads it)
     * @param latex    for display
     * @param trainMse  on the scaled training rows
     * @param stability the bootstrap stability report; null when turned off or the formula was given
     * @param front     the Pareto front the formula was chosen from, by increasing number of
     *                  constants; empty for a given formula (and in results stored before it was kept)
     */
    public record Outcome(String formula, String latex, double trainMse, String method, long evaluations, double seconds,
            int rows, int inputs, Stability stability, List<FrontEntry> front) {
        public Outcome {
            front = front == null ? List.of() : List.copyOf(front);
        }
    }

    /**
     * One point of the Pareto front: the best formula with that many constants, its training
     * error, and whether it is the one the selection rule chose.
     */
    public record FrontEntry(int parameters, double trainMse, String formula, boolean chosen) {
    }

    public static Outcome run(ExperimentSpec spec, Dataset dataset, SearchProgress progress, BooleanSupplier cancelled) {
        ExperimentSpec.DiscoverySpec discovery = spec.discovery();
        Split split = plan(spec).split(dataset, discovery.seed());
        Dataset train = split.train();
        Scaling scaling = discovery.scale();
        if (scaling != Scaling.NONE) {
            train = Scaler.fit(train, scaling).apply(train);
        }
        if (discovery.formula() != null) {
            return given(Formula.parse(discovery.formula()), train);
        }
        SearchData data = SearchData.of(train.columns(), train.target(), train.featureNames().toArray(String[]::new),
                train.targetName());
        Discovery.Result result = Discovery.of(settings(discovery)).run(data, progress, cancelled);
        return new Outcome(result.formula().toString(), result.formula().toLatex(), result.trainMse(),
                result.method().label(), result.evaluations(), result.searchSeconds(), train.rows(),
                train.featureCount(), result.stability(), result.front().stream()
                        .map(point -> new FrontEntry(point.parameters(), point.mse(), point.formula().toString(),
                                point.formula().equals(result.formula())))
                        .toList());
    }

    /** A formula the user gave, with its error on the (scaled) training rows. */
    private static Outcome given(Formula formula, Dataset train) {
        double[] predicted = formula.predict(train.columns());
        double squares = 0;
        for (int i = 0; i < predicted.length; i++) {
            double residual = train.target()[i] - predicted[i];
            squares += residual * residual;
        }
        return new Outcome(formula.toString(), formula.toLatex(), squares / predicted.length, "given", 0, 0.0, train.rows(),
                train.featureCount(), null, List.of());
    }

    /** The split every task of the experiment uses (with its own seed). */
    static SplitPlan plan(ExperimentSpec spec) {
        return SplitPlan.defaults().withTestFraction(spec.split().test()).withValidationFraction(spec.split().validation());
    }

    static Discovery.Settings settings(ExperimentSpec.DiscoverySpec discovery) {
        GpConfig gp = GpConfig.paper().withPopulation(discovery.population()).withGenerations(discovery.generations());
        if (!discovery.ops().isEmpty()) {
            gp = gp.withFunctions(Op.functions(discovery.ops()));
        }
        return Discovery.Settings.defaults()
                .withMethod(discovery.method())
                .withMaxPower(discovery.maxPower())
                .withBases(Op.functions(discovery.bases()))
                .withGp(gp)
                .withSelection(Selection.of(discovery.criterion())
                        .withFolds(discovery.folds())
                        .withMaxTerms(discovery.maxTerms() == null ? Selection.NO_TERM_LIMIT : discovery.maxTerms())
                        .withTieBreak(discovery.tieBreak()))
                .withSeed(discovery.seed())
                .withStability(discovery.stability());
    }
}
