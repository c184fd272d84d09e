package org.taskneurons.sr;

import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable univariate polynomial a_0 + a_1 x + ... + a_d x^d with finite coefficients,
 * stored densely (index = power) with trailing zeros trimmed, so that equal polynomials have
 * equal coefficient arrays. The zero polynomial has no coefficients and degree 0.
 *
 * <p>Arithmetic that overflows a coefficient throws {@link ArithmeticException}, as
 * {@link Math#multiplyExact} does for integers.
 */
public final class Polynomial {
    private static final Polynomial ZERO = new Polynomial(new double[0]);
    private static final Polynomial X = new Polynomial(new double[] {0.0, 1.0});

    private final double[] coefficients;

    private Polynomial(double[] coefficients) {
        int length = coefficients.length;
        while (length > 0 && coefficients[length - 1] == 0.0) {
            length--;
        }
        this.coefficients = new double[length];
        for (int k = 0; k < length; k++) {
            // -0.0 + 0.0 is 0.0: a sign on a zero coefficient must not break equality.
            this.coefficients[k] = coefficients[k] + 0.0;
        }
    }

    /** The polynomial with coefficients a_0, a_1, ... (index = power). */
    public static Polynomial of(double... coefficients) {
        for (int k = 0; k < coefficients.length; k++) {
            if (!Double.isFinite(coefficients[k])) {
                throw new IllegalArgumentException("coefficient of x^" + k + " must be finite: " + coefficients[k]);
            }
        }
        return new Polynomial(coefficients);
    }

    /** The polynomial x. */
    public static Polynomial x() {
        return X;
    }

    public static Polynomial constant(double value) {
        return of(value);
    }

    /**
     * Expands a tree built only from {@link Op#VAR}, {@link Op#CONST}, {@link Op#ADD},
     * {@link Op#SUB}, {@link Op#MUL}, {@link Op#NEG} and {@link Op#POW}.
     *
     * @return the polynomial, or empty when another operator occurs, when the degree of the
     *         tree or of one of its subtrees exceeds {@code maxDegree}, or when a coefficient
     *         overflows
     */
    public static Optional<Polynomial> of(Expr expr, int maxDegree) {
        if (maxDegree < 0) {
            throw new IllegalArgumentException("maximum degree must not be negative: " + maxDegree);
        }
        try {
            return Optional.ofNullable(expand(expr, maxDegree));
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }

    /** The expansion of {@code expr}, or null where it is no polynomial of degree at most {@code maxDegree}. */
    private static Polynomial expand(Expr expr, int maxDegree) {
        if (expr instanceof Expr.Var) {
            return maxDegree >= 1 ? X : null;
        }
        if (expr instanceof Expr.Const c) {
            return constant(c.value());
        }
        if (expr instanceof Expr.Unary u) {
            if (u.op() != Op.NEG && u.op() != Op.POW) {
                return null;
            }
            Polynomial arg = expand(u.arg(), maxDegree);
            if (arg == null) {
                return null;
            }
            if (u.op() == Op.NEG) {
                return arg.negate();
            }
            return arg.degree() * u.exponent() > maxDegree ? null : arg.pow(u.exponent());
        }
        Expr.Binary b = (Expr.Binary) expr;
        if (b.op() == Op.DIV) {
            return null;
        }
        Polynomial left = expand(b.left(), maxDegree);
        Polynomial right = left == null ? null : expand(b.right(), maxDegree);
        if (right == null) {
            return null;
        }
        return switch (b.op()) {
            case ADD -> left.plus(right);
            case SUB -> left.minus(right);
            default -> left.degree() + right.degree() > maxDegree ? null : left.times(right);
        };
    }

    /** Highest power with a non-zero coefficient; 0 for constants, including zero. */
    public int degree() {
        return Math.max(0, coefficients.length - 1);
    }

    /** The coefficient of x^k; 0 above the degree. */
    public double coefficient(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("power must not be negative: " + k);
        }
        return k < coefficients.length ? coefficients[k] : 0.0;
    }

    public boolean isZero() {
        return coefficients.length == 0;
    }

    /** A copy of the coefficients a_0..a_d (index = power); empty for zero. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Value at x by Horner's scheme. */
    public double evaluate(double x) {
        double value = 0.0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            value = value * x + coefficients[k];
        }
        return value;
    }

    public Polynomial plus(Polynomial other) {
        return combine(other, 1.0);
    }

    public Polynomial minus(Polynomial other) {
        return combine(other, -1.0);
    }

    private Polynomial combine(Polynomial other, double sign) {
        double[] sum = Arrays.copyOf(coefficients, Math.max(coefficients.length, other.coefficients.length));
        for (int k = 0; k < other.coefficients.length; k++) {
            sum[k] += sign * other.coefficients[k];
        }
        return checked(sum);
    }

    public Polynomial negate() {
        double[] negated = new double[coefficients.length];
        for (int k = 0; k < negated.length; k++) {
            negated[k] = -coefficients[k];
        }
        return new Polynomial(negated);
    }

    public Polynomial times(Polynomial other) {
        if (isZero() || other.isZero()) {
            return ZERO;
        }
        double[] product = new double[coefficients.length + other.coefficients.length - 1];
        for (int i = 0; i < coefficients.length; i++) {
            for (int j = 0; j < other.coefficients.length; j++) {
                product[i + j] += coefficients[i] * other.coefficients[j];
            }
        }
        return checked(product);
    }

    /** This polynomial to the power {@code k} ≥ 0, by repeated multiplication as {@link Op#power} does. */
    public Polynomial pow(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("exponent must not be negative: " + k);
        }
        Polynomial result = constant(1.0);
        for (int i = 0; i < k; i++) {
            result = result.times(this);
        }
        return result;
    }

    /**
     * The canonical tree: monomials by descending power, a coefficient 1 left out, −1 written
     * as a negation, later negative coefficients as a subtraction, the constant last.
     *
     * @throws IllegalStateException when the degree exceeds {@link Op#MAX_POWER}, the largest
     *                               power one node can express
     */
    public Expr toExpr() {
        if (degree() > Op.MAX_POWER) {
            throw new IllegalStateException("degree above " + Op.MAX_POWER + " has no canonical tree: " + degree());
        }
        Expr tree = null;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            double a = coefficients[k];
            if (a == 0.0) {
                continue;
            }
            if (tree == null) {
                tree = monomial(a, k);
            } else {
                tree = Expr.binary(a > 0 ? Op.ADD : Op.SUB, tree, monomial(Math.abs(a), k));
            }
        }
        return tree == null ? Expr.constant(0.0) : tree;
    }

    private static Expr monomial(double a, int k) {
        if (k == 0) {
            return Expr.constant(a);
        }
        Expr power = k == 1 ? Expr.x() : Expr.power(Expr.x(), k);
        if (a == 1.0) {
            return power;
        }
        return a == -1.0 ? Expr.unary(Op.NEG, power) : Expr.binary(Op.MUL, Expr.constant(a), power);
    }

    private static Polynomial checked(double[] coefficients) {
        for (int k = 0; k < coefficients.length; k++) {
            if (!Double.isFinite(coefficients[k])) {
                throw new ArithmeticException("coefficient of x^" + k + " overflowed: " + coefficients[k]);
            }
        }
        return new Polynomial(coefficients);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Polynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    /** The coefficients a_0..a_d, exact. */
    @Override
    public String toString() {
        return "Polynomial" + Arrays.toString(coefficients);
    }
}
