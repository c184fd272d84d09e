package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolynomialTest {
    private static final Polynomial X_PLUS_1 = Polynomial.of(1, 1);
    private static final Polynomial X_MINUS_1 = Polynomial.of(-1, 1);

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                Arguments.of("(x+1)^2", X_PLUS_1.pow(2), Polynomial.of(1, 2, 1)),
                Arguments.of("(x+1)(x-1)", X_PLUS_1.times(X_MINUS_1), Polynomial.of(-1, 0, 1)),
                Arguments.of("(x+1)+(x-1)", X_PLUS_1.plus(X_MINUS_1), Polynomial.of(0, 2)),
                Arguments.of("(x+1)-(x-1) trims to a constant", X_PLUS_1.minus(X_MINUS_1), Polynomial.constant(2)),
                Arguments.of("x - x is zero", Polynomial.x().minus(Polynomial.x()), Polynomial.of()),
                Arguments.of("-(x^2+1)", Polynomial.of(1, 0, 1).negate(), Polynomial.of(-1, 0, -1)),
                Arguments.of("p^0 is 1", X_PLUS_1.pow(0), Polynomial.constant(1)),
                Arguments.of("p*0 is 0", X_PLUS_1.times(Polynomial.of()), Polynomial.of()),
                Arguments.of("x^3", Polynomial.x().pow(3), Polynomial.of(0, 0, 0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arithmetic")
    void arithmeticGivesExactCoefficients(String name, Polynomial actual, Polynomial expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
    }

    @Test
    void trailingZerosAndSignedZerosDoNotBreakEquality() {
        assertThat(Polynomial.of(1, 2, 0, 0)).isEqualTo(Polynomial.of(1, 2)).hasSameHashCodeAs(Polynomial.of(1, 2));
        assertThat(Polynomial.of(1, 2, 0, 0).degree()).isEqualTo(1);
        assertThat(Polynomial.of(-0.0, 1)).isEqualTo(Polynomial.of(0.0, 1));
        assertThat(Polynomial.of(-0.0)).isEqualTo(Polynomial.of()).matches(Polynomial::isZero);
        assertThat(Polynomial.of().degree()).isZero();
        assertThat(Polynomial.of(1, 2)).isNotEqualTo(Polynomial.of(1, 2.0000000000000004));
    }

    @Test
    void coefficientsAndEvaluationByHorner() {
        Polynomial p = Polynomial.of(1, 2, 3);
        assertThat(p.degree()).isEqualTo(2);
        assertThat(p.coefficient(2)).isEqualTo(3.0);
        assertThat(p.coefficient(7)).isZero();
        assertThat(p.coefficients()).containsExactly(1, 2, 3);
        assertThat(p.evaluate(2)).isEqualTo(17.0);
        assertThat(p.evaluate(-1)).isEqualTo(2.0);
        assertThat(Polynomial.of().evaluate(5)).isZero();
    }

    @Test
    void coefficientsAreCopied() {
        double[] coefficients = {1, 2};
        Polynomial p = Polynomial.of(coefficients);
        coefficients[0] = 9;
        p.coefficients()[1] = 9;
        assertThat(p).isEqualTo(Polynomial.of(1, 2));
    }

    @Test
    void invalidInputIsRejectedWithTheValue() {
        assertThatThrownBy(() -> Polynomial.of(1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("coefficient of x^1 must be finite: NaN");
        assertThatThrownBy(() -> Polynomial.x().pow(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("exponent must not be negative: -1");
        assertThatThrownBy(() -> Polynomial.x().coefficient(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("power must not be negative: -2");
        assertThatThrownBy(() -> Polynomial.of(Expr.x(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maximum degree must not be negative: -1");
        assertThatThrownBy(() -> Polynomial.of(1e200, 1e200).pow(2))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("overflowed");
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("x*(x + 1)", 9, Optional.of(Polynomial.of(0, 1, 1))),
                Arguments.of("-(x - 2)^2", 9, Optional.of(Polynomial.of(-4, 4, -1))),
                Arguments.of("3", 0, Optional.of(Polynomial.constant(3))),
                Arguments.of("x - x", 9, Optional.of(Polynomial.of())),
                Arguments.of("(2*x - 1)^3 - 8*x^3", 3, Optional.of(Polynomial.of(-1, 6, -12))),
                Arguments.of("x", 0, Optional.empty()),
                Arguments.of("x^3*x^3", 5, Optional.empty()),
                Arguments.of("(x^3)^3", 8, Optional.empty()),
                Arguments.of("cos(x)", 9, Optional.empty()),
                Arguments.of("x/2", 9, Optional.empty()),
                Arguments.of("x + abs(x)", 9, Optional.empty()),
                Arguments.of("(1e200*x)^2", 9, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} up to degree {1}")
    @MethodSource("expansions")
    void expandsPolynomialTrees(String tree, int maxDegree, Optional<Polynomial> expected) {
        assertThat(Polynomial.of(Formula.parseExpr(tree), maxDegree)).isEqualTo(expected);
    }

    @Test
    void expansionAgreesWithTheTreeOnRandomPolynomialTrees() {
        SplittableRandom random = new SplittableRandom(20240502);
        int expanded = 0;
        for (int n = 0; n < 2000; n++) {
            Expr tree = FormulaTrees.tree(random, 5, FormulaTrees.POLYNOMIAL, 3, FormulaTrees::modestConstant);
            Optional<Polynomial> p = Polynomial.of(tree, 40);
            if (p.isEmpty()) {
                continue;
            }
            expanded++;
            for (int i = 0; i < 20; i++) {
                double x = random.nextDouble(-2, 2);
                FormulaTrees.Rounded direct = FormulaTrees.rounded(tree, x);
                FormulaTrees.Rounded horner = new FormulaTrees.Rounded(p.get().evaluate(x), hornerError(p.get(), tree, x));
                if (FormulaTrees.comparable(direct, horner)) {
                    assertThat(FormulaTrees.agree(direct, horner))
                            .as("%s = %s, expanded %s at x = %s", Formula.exprText(tree), direct, horner, x).isTrue();
                }
            }
        }
        assertThat(expanded).isGreaterThan(1500);
    }

    /**
     * A bound on the rounding error of expanding and then evaluating by Horner's scheme:
     * both are sums of products, each off by a few roundoffs per operation relative to
     * Σ|a_k||x|^k.
     */
    private static double hornerError(Polynomial p, Expr tree, double x) {
        double absolute = 0.0;
        for (int k = p.degree(); k >= 0; k--) {
            absolute = absolute * Math.abs(x) + Math.abs(p.coefficient(k));
        }
        return (2 * p.degree() + tree.size()) * FormulaTrees.ROUNDOFF * absolute;
    }

    static Stream<Arguments> canonicalTrees() {
        return Stream.of(
                Arguments.of(Polynomial.of(-3, 2, 6), "6*x^2 + 2*x - 3"),
                Arguments.of(Polynomial.of(0, -1), "-x"),
                Arguments.of(Polynomial.of(1, 0, -1), "-x^2 + 1"),
                Arguments.of(Polynomial.of(0, -2.5, 0, 1), "x^3 - 2.5*x"),
                Arguments.of(Polynomial.of(-1, -1, -1), "-x^2 - x - 1"),
                Arguments.of(Polynomial.of(), "0"),
                Arguments.of(Polynomial.of(-7), "-7"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("canonicalTrees")
    void canonicalTreeListsDescendingPowers(Polynomial p, String text) {
        assertThat(Formula.exprText(p.toExpr())).isEqualTo(text);
        assertThat(Polynomial.of(p.toExpr(), Op.MAX_POWER)).contains(p);
    }

    @Test
    void canonicalTreeExpandsBackToTheSamePolynomial() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 500; n++) {
            double[] coefficients = new double[random.nextInt(Op.MAX_POWER + 2)];
            for (int k = 0; k < coefficients.length; k++) {
                coefficients[k] = random.nextInt(3) == 0 ? 0.0 : FormulaTrees.wildConstant(random);
            }
            Polynomial p = Polynomial.of(coefficients);
            assertThat(Polynomial.of(p.toExpr(), Op.MAX_POWER)).contains(p);
        }
    }

    @Test
    void degreeAboveTheLargestPowerHasNoCanonicalTree() {
        int degree = Op.MAX_POWER + 1;
        assertThatThrownBy(() -> Polynomial.x().pow(degree).toExpr())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("degree above " + Op.MAX_POWER + " has no canonical tree: " + degree);
    }
}
