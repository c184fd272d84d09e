package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    /** y = 3·Σx² − 2·Σx + 5 plus a little noise, 5 inputs in [−2, 2]. */
    private static SearchData quadratic(long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 400;
        double[][] x = FormulaTrees.inputs(random, 5, n, 2.0);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (double[] column : x) {
                y[i] += 3 * column[i] * column[i] - 2 * column[i];
            }
            y[i] += 5 + noise * random.nextGaussian();
        }
        return SearchData.of(x, y);
    }

    private static Discovery.Settings settings() {
        return Discovery.Settings.defaults().withThreads(1);
    }

    @Test
    void subsetSearchRecoversTheTermsAndCoefficients() {
        Discovery.Result result = Discovery.of(settings()).run(quadratic(1, 0.1));
        assertThat(result.method()).isEqualTo(Discovery.Method.SUBSET);
        assertThat(exprs(result.formula())).containsExactly("x^2", "x");
        assertThat(result.formula().terms().get(0).coef()).isCloseTo(3, within(0.01));
        assertThat(result.formula().terms().get(1).coef()).isCloseTo(-2, within(0.01));
        assertThat(result.formula().intercept()).isCloseTo(5, within(0.05));
        assertThat(result.trainMse()).isCloseTo(0.01, within(0.003));
        assertThat(result.evaluations()).isEqualTo(2L * (1 << 6) - 1);
    }

    @Test
    void exactDataGivesExactCoefficients() {
        Formula formula = Discovery.of(settings()).run(quadratic(2, 0.0)).formula();
        assertThat(formula.terms().get(0).coef()).isCloseTo(3, within(1e-9));
        assertThat(formula.terms().get(1).coef()).isCloseTo(-2, within(1e-9));
        assertThat(formula.intercept()).isCloseTo(5, within(1e-8));
    }

    @Test
    void paretoFrontIsOrderedAndContainsTheChosenFormula() {
        Discovery.Result result = Discovery.of(settings()).run(quadratic(3, 0.1));
        List<FrontPoint> front = result.front();
        for (int p = 1; p < front.size(); p++) {
            assertThat(front.get(p).parameters()).isGreaterThan(front.get(p - 1).parameters());
            assertThat(front.get(p).mse()).isLessThan(front.get(p - 1).mse());
        }
        assertThat(front).extracting(FrontPoint::formula).contains(result.formula());
    }

    @Test
    void baseFunctionsJoinTheLibrary() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 300;
        double[][] x = FormulaTrees.inputs(random, 4, n, 3.0);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (double[] column : x) {
                y[i] += 7 * Math.cos(column[i]) + column[i] / 11;
            }
            y[i] += 5 + 0.01 * random.nextGaussian();
        }
        Formula formula = Discovery.of(settings().withBases(EnumSet.of(Op.COS, Op.SIN))).run(SearchData.of(x, y)).formula();
        assertThat(exprs(formula)).containsExactlyInAnyOrder("x", "cos(x)");
    }

    @Test
    void geneticProgrammingFindsThePolynomialWithThePapersPreset() {
        GpConfig gp = GpConfig.paper().withPopulation(200).withGenerations(30);
        Discovery.Result result = Discovery.of(settings().withMethod(Discovery.Method.GP).withGp(gp).withSeed(5))
                .run(quadratic(5, 0.1));
        assertThat(result.method()).isEqualTo(Discovery.Method.GP);
        assertThat(exprs(result.formula())).containsExactly("x^2", "x");
        assertThat(result.formula().terms().get(0).coef()).isCloseTo(3, within(0.01));
    }

    @Test
    void geneticProgrammingIsIdenticalUnderOneAndTwoThreads() {
        GpConfig gp = GpConfig.paper().withPopulation(120).withGenerations(12)
                .withFunctions(EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG, Op.COS, Op.DIV));
        SearchData data = quadratic(6, 0.3);
        Discovery.Settings base = settings().withMethod(Discovery.Method.GP).withGp(gp).withSeed(11);
        Discovery.Result one = Discovery.of(base.withThreads(1)).run(data);
        Discovery.Result two = Discovery.of(base.withThreads(2)).run(data);
        assertThat(two.formula()).isEqualTo(one.formula());
        assertThat(two.trainMse()).isEqualTo(one.trainMse());
        assertThat(two.evaluations()).isEqualTo(one.evaluations());
        assertThat(two.front()).isEqualTo(one.front());
    }

    @Test
    void progressIsReportedEveryGenerationAndCancellationStopsTheRun() {
        GpConfig gp = GpConfig.paper().withPopulation(50).withGenerations(20);
        List<Integer> generations = new ArrayList<>();
        Discovery discovery = Discovery.of(settings().withMethod(Discovery.Method.GP).withGp(gp));
        assertThatThrownBy(() -> discovery.run(quadratic(7, 0.1),
                (generation, total, best, evaluations) -> generations.add(generation), () -> generations.size() >= 4))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("generation 4");
        assertThat(generations).containsExactly(0, 1, 2, 3);
    }

    @Test
    void evaluationBudgetEndsTheRunEarly() {
        GpConfig gp = GpConfig.paper().withPopulation(100).withGenerations(50).withBudget(1000, null);
        Discovery.Result result = Discovery.of(settings().withMethod(Discovery.Method.GP).withGp(gp)).run(quadratic(8, 0.1));
        assertThat(result.evaluations()).isBetween(1000L, 1100L);
    }

    @Test
    void constantsInsideNonlinearFunctionsAreFittedByLevenbergMarquardt() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 300;
        double[][] x = FormulaTrees.inputs(random, 3, n, 3.0);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (double[] column : x) {
                y[i] += 2 * Math.cos(0.5 * column[i]);
            }
        }
        SearchData data = SearchData.of(x, y);
        Program start = Program.of(Expr.unary(Op.COS, Expr.binary(Op.MUL, Expr.constant(0.4), Expr.x())));
        Fitness fitness = new Fitness(data, PowerMoments.of(data, 4), 8);
        ConstantFitter.Result fitted = new ConstantFitter(fitness, 20).fit(start);
        assertThat(fitted.rssAfter()).isLessThan(fitted.rssBefore() * 1e-6);
        assertThat(Math.abs(fitted.program().value(0))).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void candidatesThatOverflowNeverCrashARun() {
        GpConfig gp = GpConfig.paper().withPopulation(60).withGenerations(5)
                .withFunctions(EnumSet.of(Op.MUL, Op.EXP, Op.DIV, Op.LOG));
        SearchData data = quadratic(10, 0.1);
        Discovery.Result result = Discovery.of(settings().withMethod(Discovery.Method.GP).withGp(gp)).run(data);
        assertThat(result.trainMse()).isFinite();
    }

    static List<String> exprs(Formula formula) {
        List<String> out = new ArrayList<>();
        for (Term term : formula.terms()) {
            out.add(Formula.of(0, List.of(new Term(term.expr(), 1.0))).toString().replace("Σ", ""));
        }
        return out;
    }

    @Test
    void unknownBaseFunctionsAreRejected() {
        assertThatThrownBy(() -> Discovery.of(settings().withBases(Set.of(Op.ADD))).run(quadratic(1, 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a base function: +");
    }
}
