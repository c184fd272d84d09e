package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FormulaTest {
    private static final Expr X = Expr.x();
    private static final Expr COS = Expr.unary(Op.COS, X);

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2·Σx + 3·Σx                           | 5·Σx
            Σx + Σx^3 + Σx^2                      | Σx^3 + Σx^2 + Σx
            Σcos(x) + Σx^2 + 1 + Σx               | Σx^2 + Σx + Σcos(x) + 1
            Σsin(x) + 2·Σcos(x) + Σabs(x)         | Σabs(x) + 2·Σcos(x) + Σsin(x)
            2·Σx − 2·Σx + 1                       | 1
            Σ(x - x)                              | 0
            Σ(3*cos(x))                           | 3·Σcos(x)
            Σ(cos(x)*3)                           | 3·Σcos(x)
            2·Σ(-3*cos(x))                        | −6·Σcos(x)
            Σ(cos(x)/4)                           | 0.25·Σcos(x)
            Σ(-sin(x))                            | −Σsin(x)
            Σ(x^2 + 2*x)                          | Σx^2 + 2·Σx
            Σ(2*(x + 1)^2) − 4·Σx − 2·Σ(x^2 + 1)  | −4·Σx + Σ(2·x^2 + 4·x + 2) − 2·Σ(x^2 + 1)
            Σ(cos(x) - x/11)                      | −0.09090909090909091·Σx + Σcos(x)
            Σ(x/(x + 1))                          | Σ(x/(x + 1))
            Σ(cos(x) + 1)                         | Σ(cos(x) + 1)
            3·Σ(2*(cos(x) + 1))                   | 6·Σ(cos(x) + 1)
            Σ(x*x) + Σx^2                         | 2·Σx^2
            −0.5·Σ(cos(x) + cos(x))               | −Σcos(x)
            """)
    void canonicalizes(String text, String canonical) {
        Formula formula = Formula.parse(text);
        assertThat(formula).hasToString(canonical);
        assertThat(Formula.of(formula.intercept(), formula.terms())).isEqualTo(formula);
    }

    @Test
    void canonicalizesTermsGivenAsTrees() {
        Formula formula = Formula.of(-0.0, List.of(
                new Term(Expr.binary(Op.MUL, COS, Expr.constant(3)), 2),
                new Term(X, 1),
                new Term(COS, -6),
                new Term(Expr.binary(Op.SUB, X, X), 5)));
        assertThat(formula.terms()).containsExactly(new Term(X, 1));
        assertThat(Double.doubleToRawLongBits(formula.intercept())).isZero();
    }

    @Test
    void termsRejectInvalidParts() {
        assertThatThrownBy(() -> new Term(X, 0.0)).hasMessage("term coefficient must be finite and non-zero: 0.0");
        assertThatThrownBy(() -> new Term(X, Double.NaN)).hasMessage("term coefficient must be finite and non-zero: NaN");
        assertThatThrownBy(() -> new Term(X, Double.NEGATIVE_INFINITY))
                .hasMessage("term coefficient must be finite and non-zero: -Infinity");
        assertThatThrownBy(() -> new Term(Expr.unary(Op.COS, Expr.constant(2)), 1))
                .hasMessage("term expression has no x, its sum depends on the number of inputs: cos(2)");
        assertThatThrownBy(() -> new Term(null, 1)).isInstanceOf(NullPointerException.class);
        assertThat(new Term(COS, -2)).hasToString("−2·Σcos(x)");
    }

    @Test
    void formulasRejectWhatTheyCannotRepresent() {
        Expr constantWithX = Formula.parseExpr("x - x + 1");
        assertThatThrownBy(() -> Formula.of(0, List.of(new Term(constantWithX, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("term expression is the constant 1, its sum depends on the number of inputs: x - x + 1");
        assertThatThrownBy(() -> Formula.of(Double.NaN, List.of())).hasMessage("intercept must be finite: NaN");
        assertThatThrownBy(() -> Formula.polynomial(0, new double[] {1, 2}))
                .hasMessage("coefficient of Σx^0 must be 0, its sum depends on the number of inputs: 1.0");
        assertThatThrownBy(() -> Formula.polynomial(0, new double[Op.MAX_POWER + 2]))
                .hasMessage("degree above " + Op.MAX_POWER + ": " + (Op.MAX_POWER + 1));
        assertThatThrownBy(() -> Formula.fromTree(X, 0, 1, 0)).hasMessage("input count must be positive: 0");
        assertThatThrownBy(() -> Formula.fromTree(X, 0, Double.POSITIVE_INFINITY, 2))
                .hasMessage("beta must be finite: Infinity");
    }

    @Test
    void polynomialFormulaExposesItsCoefficients() {
        Formula formula = Formula.polynomial(-3, new double[] {0, 2, 6});
        assertThat(formula).hasToString("6·Σx^2 + 2·Σx − 3");
        assertThat(formula.isPolynomial()).isTrue();
        assertThat(formula.degree()).isEqualTo(OptionalInt.of(2));
        assertThat(formula.polynomialCoefficients()).containsExactly(-3, 2, 6);
        assertThat(Formula.polynomial(4, new double[0]).degree()).isEqualTo(OptionalInt.of(0));
        assertThat(Formula.polynomial(4, new double[0]).polynomialCoefficients()).containsExactly(4);
        assertThat(Formula.polynomial(0, new double[] {0, 0, 0, 1, 0}).polynomialCoefficients()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void otherFormulasAreNotPolynomial() {
        Formula formula = Formula.parse("Σx^2 + Σcos(x)");
        assertThat(formula.isPolynomial()).isFalse();
        assertThat(formula.degree()).isEmpty();
        assertThatThrownBy(formula::polynomialCoefficients)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not a polynomial formula: Σx^2 + Σcos(x)");
    }

    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("(x + 1)^2", 1.0, 2.0, 3, "2·Σx^2 + 4·Σx + 7"),
                Arguments.of("x*(x - 1) - x*x", 0.0, 1.0, 5, "−Σx"),
                Arguments.of("5 + x/11 + 7*cos(x)", 0.0, 1.0, 4, "0.09090909090909091·Σx + 7·Σcos(x) + 20"),
                Arguments.of("3*(cos(x) + 1)", 1.0, -1.0, 2, "−3·Σcos(x) − 5"),
                Arguments.of("-(sin(x) - 2*x^3)", 0.5, 2.0, 1, "4·Σx^3 − 2·Σsin(x) + 0.5"),
                Arguments.of("cos(x)", 7.0, 0.0, 3, "7"),
                Arguments.of("4", 1.0, 0.5, 3, "7"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("trees")
    void fromTreeExpandsAndSplitsTheSearchResult(String g, double alpha, double beta, int inputs, String formula) {
        assertThat(Formula.fromTree(Formula.parseExpr(g), alpha, beta, inputs)).hasToString(formula);
    }

    @Test
    void fromTreeOfAPolynomialIsThePolynomialFormula() {
        Formula formula = Formula.fromTree(Formula.parseExpr("(2*x - 1)^2"), 1, 3, 4);
        assertThat(formula).isEqualTo(Formula.polynomial(1 + 3 * 1 * 4, new double[] {0, -12, 12}));
    }

    @Test
    void fromTreePredictsWhatTheTreeDoesOnRandomData() {
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int n = 0; n < 1000; n++) {
            Expr g = FormulaTrees.tree(random, 4, n % 2 == 0 ? FormulaTrees.ALL_FUNCTIONS : FormulaTrees.POLYNOMIAL, 4,
                    FormulaTrees::modestConstant);
            double alpha = FormulaTrees.modestConstant(random);
            double beta = FormulaTrees.modestConstant(random);
            int inputs = random.nextInt(1, 6);
            Formula formula = Formula.fromTree(g, alpha, beta, inputs);
            double[][] columns = FormulaTrees.inputs(random, inputs, 10, 2.5);
            double[] predicted = formula.predict(columns);
            for (int i = 0; i < 10; i++) {
                double[] row = row(columns, i);
                FormulaTrees.Rounded expected = scaledSum(g, alpha, beta, row);
                FormulaTrees.Rounded actual = prediction(formula, row);
                if (FormulaTrees.comparable(expected, actual)) {
                    assertThat(FormulaTrees.agree(expected, actual))
                            .as("%s from %s + %s·Σ%s at %s", formula, alpha, beta, Formula.exprText(g), List.of(row))
                            .isTrue();
                    compared++;
                }
                assertThat(predicted[i]).isEqualTo(formula.predict(row));
            }
        }
        assertThat(compared).isGreaterThan(8000);
    }

    /** alpha + beta·Σ_j g(x_j) with its rounding error bound. */
    private static FormulaTrees.Rounded scaledSum(Expr g, double alpha, double beta, double[] row) {
        double sum = 0.0;
        double error = 0.0;
        double absolute = 0.0;
        for (double x : row) {
            FormulaTrees.Rounded value = FormulaTrees.rounded(g, x);
            if (!value.isKnown()) {
                return FormulaTrees.Rounded.UNKNOWN;
            }
            sum += value.value();
            error += value.error();
            absolute += Math.abs(value.value());
        }
        double roundoff = FormulaTrees.ROUNDOFF * (row.length + 2) * (Math.abs(alpha) + Math.abs(beta) * absolute);
        return new FormulaTrees.Rounded(alpha + beta * sum, Math.abs(beta) * error + roundoff);
    }

    /** The formula's prediction with a rounding error bound over its terms and intercept. */
    private static FormulaTrees.Rounded prediction(Formula formula, double[] row) {
        double error = FormulaTrees.ROUNDOFF * Math.abs(formula.intercept()) * (row.length + 2);
        for (Term term : formula.terms()) {
            FormulaTrees.Rounded sum = scaledSum(term.expr(), 0.0, term.coef(), row);
            if (!sum.isKnown()) {
                return FormulaTrees.Rounded.UNKNOWN;
            }
            error += sum.error() * (formula.terms().size() + 1);
        }
        return new FormulaTrees.Rounded(formula.predict(row), error);
    }

    private static double[] row(double[][] columns, int i) {
        double[] row = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            row[j] = columns[j][i];
        }
        return row;
    }

    @Test
    void predictsRowsAndColumns() {
        Formula formula = Formula.parse("6·Σx^2 + 2·Σx − 3");
        assertThat(formula.predict(new double[] {1, 2})).isEqualTo(6 * 5 + 2 * 3 - 3);
        assertThat(formula.predict(new double[0])).isEqualTo(-3);
        assertThat(formula.predict(new double[][] {{1, 0}, {2, -1}})).containsExactly(33, 1);
        assertThatThrownBy(() -> formula.predict(new double[][] {{1, 0}, {2}}))
                .hasMessage("column 1 has 1 rows, column 0 has 2");
        assertThatThrownBy(() -> formula.predict(new double[0][]))
                .hasMessage("at least one input column is needed to know the number of rows");
    }

    @ParameterizedTest(name = "{0}: complexity {1}, constants {2}")
    @CsvSource(delimiter = '|', textBlock = """
            6·Σx^2 + 2·Σx − 3         | 6 | 3
            6·Σx^2 + 2·Σx             | 5 | 2
            7·Σcos(0.5·x) + Σ(x/(x + 1)) | 11 | 4
            −3                        | 1 | 1
            0                         | 0 | 0
            """)
    void complexityCountsNodesAndConstantsCountsParameters(String text, int complexity, int constants) {
        Formula formula = Formula.parse(text);
        assertThat(formula.complexity()).isEqualTo(complexity);
        assertThat(formula.constantCount()).isEqualTo(constants);
    }

    @Test
    void equalityIsExact() {
        Formula formula = Formula.parse("6·Σx^2 + 2·Σx − 3");
        assertThat(formula).isEqualTo(Formula.polynomial(-3, new double[] {0, 2, 6}))
                .hasSameHashCodeAs(Formula.polynomial(-3, new double[] {0, 2, 6}))
                .isNotEqualTo(Formula.polynomial(-3.0000000000000004, new double[] {0, 2, 6}))
                .isNotEqualTo(Formula.polynomial(-3, new double[] {0, 2, 6, 1e-300}));
        assertThat(Formula.parse("0")).isEqualTo(Formula.of(-0.0, List.of()));
    }

    @Test
    void canonicalizationIsIdempotentOnRandomFormulas() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 1000; n++) {
            Formula formula = FormulaTrees.formula(random);
            assertThat(Formula.of(formula.intercept(), formula.terms())).as("%s", formula).isEqualTo(formula);
            assertThat(formula.terms()).allSatisfy(term -> assertThat(Simplifier.simplify(term.expr())).isEqualTo(term.expr()));
        }
    }

    @Test
    void termsAreUnmodifiable() {
        Formula formula = Formula.parse("Σx");
        assertThatThrownBy(() -> formula.terms().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
