package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Seeded random expression trees and formulas for the property tests of the formula model. */
final class FormulaTrees {
    static final Set<Op> ALL_FUNCTIONS = EnumSet.complementOf(EnumSet.of(Op.VAR, Op.CONST));
    static final Set<Op> POLYNOMIAL = EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG, Op.POW);

    private FormulaTrees() {
    }

    /**
     * A tree of depth at most {@code depth}: leaves are x or a constant, inner nodes drawn
     * from {@code functions}, powers with exponents up to {@code maxExponent}.
     */
    static Expr tree(SplittableRandom random, int depth, Set<Op> functions, int maxExponent,
            ToDoubleFunction<SplittableRandom> constants) {
        if (depth == 0 || random.nextInt(5) == 0) {
            return random.nextInt(3) == 0 ? Expr.constant(constants.applyAsDouble(random)) : Expr.x();
        }
        List<Op> ops = new ArrayList<>(functions);
        Op op = ops.get(random.nextInt(ops.size()));
        if (op.arity() == 2) {
            return Expr.binary(op, tree(random, depth - 1, functions, maxExponent, constants),
                    tree(random, depth - 1, functions, maxExponent, constants));
        }
        Expr arg = tree(random, depth - 1, functions, maxExponent, constants);
        return op == Op.POW ? Expr.power(arg, random.nextInt(2, maxExponent + 1)) : Expr.unary(op, arg);
    }

    /** Constants of the size a search produces: small integers, halves, and reals in [−5, 5]. */
    static double modestConstant(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(-3, 4);
            case 1 -> random.nextInt(-6, 7) / 2.0;
            default -> random.nextDouble(-5, 5);
        };
    }

    /** Constants that stress exact printing: large, tiny, subnormal, negative, integral. */
    static double wildConstant(SplittableRandom random) {
        double magnitude = switch (random.nextInt(7)) {
            case 0 -> random.nextDouble() * 1e5;
            case 1 -> random.nextDouble() * 1e-7;
            case 2 -> random.nextDouble() * 1e-300;
            case 3 -> random.nextInt(1, 1000);
            case 4 -> Math.scalb(random.nextDouble(), random.nextInt(40, 60));
            case 5 -> Double.MIN_VALUE * random.nextInt(1, 100);
            default -> random.nextDouble();
        };
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** A canonical formula of up to 4 terms with wild coefficients and intercept. */
    static Formula formula(SplittableRandom random) {
        while (true) {
            List<Term> terms = new ArrayList<>();
            int count = random.nextInt(5);
            while (terms.size() < count) {
                Expr expr = tree(random, 3, ALL_FUNCTIONS, Op.MAX_POWER, FormulaTrees::wildConstant);
                if (Simplifier.hasX(Simplifier.simplify(expr))) {
                    terms.add(new Term(expr, wildConstant(random)));
                }
            }
            double intercept = random.nextInt(4) == 0 ? 0.0 : wildConstant(random);
            try {
                return Formula.of(intercept, terms);
            } catch (IllegalArgumentException coefficientOverflow) {
                // A huge coefficient times a huge constant factor; draw again.
            }
        }
    }

    /** Unit roundoff of double arithmetic. */
    static final double ROUNDOFF = Math.ulp(1.0) / 2;

    /** A value computed in double arithmetic and a first-order bound on its rounding error. */
    record Rounded(double value, double error) {
        /** Where the bound does not hold: an overflow, or an argument too close to a protection threshold. */
        static final Rounded UNKNOWN = new Rounded(Double.NaN, Double.POSITIVE_INFINITY);

        boolean isKnown() {
            return Double.isFinite(value) && Double.isFinite(error);
        }
    }

    /**
     * Whether two evaluations can be compared: both bounds known and both below 1e-3 relative
     * error. Beyond that the digits are gone (expanding (x + c)^14 near its root, say) and a
     * first-order bound no longer holds.
     */
    static boolean comparable(Rounded a, Rounded b) {
        return a.isKnown() && b.isKnown() && a.error() <= 1e-3 * Math.abs(a.value()) && b.error() <= 1e-3 * Math.abs(b.value());
    }

    /**
     * The value of the tree at x with a running error bound, so that two trees equal in exact
     * arithmetic can be compared at the precision their evaluation actually has: expanding
     * (x − 3)^6 near x = 3, for one, cancels most of the digits.
     */
    static Rounded rounded(Expr expr, double x) {
        double value = expr.evaluate(x);
        if (!Double.isFinite(value)) {
            return Rounded.UNKNOWN;
        }
        double own = ROUNDOFF * Math.abs(value);
        if (expr instanceof Expr.Unary u) {
            Rounded a = rounded(u.arg(), x);
            double arg = Math.abs(a.value());
            return a.isKnown() ? new Rounded(value, switch (u.op()) {
                case NEG, ABS -> a.error();
                case POW -> u.exponent() * (Math.pow(arg, u.exponent() - 1) * a.error() + own);
                case EXP -> a.value() + a.error() >= Op.EXP_CLAMP ? Double.POSITIVE_INFINITY : Math.abs(value) * a.error() + own;
                case LOG -> arg - a.error() <= Op.PROTECTION_EPSILON ? Double.POSITIVE_INFINITY : a.error() / arg + own + ROUNDOFF;
                case SQRT -> arg <= a.error() ? Math.sqrt(a.error()) : a.error() / (2 * Math.sqrt(arg)) + own;
                default -> a.error() + own + ROUNDOFF;
            }) : Rounded.UNKNOWN;
        }
        if (expr instanceof Expr.Binary b) {
            Rounded l = rounded(b.left(), x);
            Rounded r = rounded(b.right(), x);
            if (!l.isKnown() || !r.isKnown()) {
                return Rounded.UNKNOWN;
            }
            return new Rounded(value, switch (b.op()) {
                case ADD, SUB -> l.error() + r.error() + own;
                case MUL -> Math.abs(l.value()) * r.error() + Math.abs(r.value()) * l.error() + l.error() * r.error() + own;
                default -> Math.abs(r.value()) - r.error() <= Op.PROTECTION_EPSILON
                        ? (Math.abs(r.value()) + r.error() < Op.PROTECTION_EPSILON ? 0.0 : Double.POSITIVE_INFINITY)
                        : (l.error() + Math.abs(value) * r.error()) / (Math.abs(r.value()) - r.error()) + own;
            });
        }
        return new Rounded(value, 0.0);
    }

    /**
     * Whether two evaluations of values equal in exact arithmetic agree: within 1e-9
     * relative, or within their rounding error bounds (with a safety factor for the bounds
     * being first order) where they are ill-conditioned.
     */
    static boolean agree(Rounded a, Rounded b) {
        double tolerance = Math.max(1e-9 * Math.max(1.0, Math.max(Math.abs(a.value()), Math.abs(b.value()))),
                64 * (a.error() + b.error()));
        return Math.abs(a.value() - b.value()) <= tolerance;
    }

    /** Column-major inputs in [−range, range]. */
    static double[][] inputs(SplittableRandom random, int columns, int rows, double range) {
        double[][] x = new double[columns][rows];
        for (double[] column : x) {
            for (int i = 0; i < rows; i++) {
                column[i] = random.nextDouble(-range, range);
            }
        }
        return x;
    }
}
