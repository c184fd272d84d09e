package org.taskneurons.sr;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a tree into its canonical form, bottom-up, preserving its value wherever the
 * original is finite (protected operators keep their protection: constants are folded by
 * {@link Expr#evaluate}, that is by {@link Op#apply}).
 *
 * <p>A subtree without x becomes its value where that is finite. A subtree that is a
 * polynomial of degree at most {@link Op#MAX_POWER} becomes {@link Polynomial#toExpr()}
 * (descending powers). Elsewhere identities go ({@code a+0}, {@code a-0}, {@code a*1},
 * {@code a/1}, {@code 0*a}, {@code a-a}, {@code a/a}, {@code --a}); {@code a*a} becomes
 * {@code a^2} and {@code a^i*a^j} becomes {@code a^(i+j)} up to {@link Op#MAX_POWER}; a constant
 * factor moves to the left of a product and absorbs negations and other constant factors, a
 * negation moves out of a product; a
 * constant summand moves to the right with its sign on the operator; even functions drop a
 * negation of their argument.
 *
 * <p>Every rule builds its result from canonical parts through the same rules, so
 * simplification is idempotent.
 */
public final class Simplifier {
    /** Functions f with f(−a) = f(a) in their protected form (log and sqrt act on |a|). */
    private static final Set<Op> EVEN = EnumSet.of(Op.ABS, Op.COS, Op.LOG, Op.SQRT);
    /** Functions f with f(|a|) = f(a). */
    private static final Set<Op> ABS_INVARIANT = EnumSet.of(Op.ABS, Op.LOG, Op.SQRT);

    private Simplifier() {
    }

    public static Expr simplify(Expr expr) {
        if (expr instanceof Expr.Const c) {
            return constant(c.value());
        }
        if (expr instanceof Expr.Unary u) {
            return unary(u.op(), simplify(u.arg()), u.exponent());
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b.op(), simplify(b.left()), simplify(b.right()));
        }
        return expr;
    }

    /** The canonical form of {@code op(arg)} for a canonical {@code arg}. */
    private static Expr unary(Op op, Expr arg, int exponent) {
        Expr node = new Expr.Unary(op, arg, exponent);
        Optional<Expr> closedForm = folded(node).or(() -> polynomialForm(node));
        if (closedForm.isPresent()) {
            return closedForm.get();
        }
        if (op == Op.NEG && isOp(arg, Op.NEG)) {
            return ((Expr.Unary) arg).arg();
        }
        Double factor = constantFactor(arg);
        if (op == Op.NEG && factor != null) {
            return binary(Op.MUL, constant(-factor), ((Expr.Binary) arg).right());
        }
        if (op == Op.POW && isOp(arg, Op.POW)) {
            Expr.Unary inner = (Expr.Unary) arg;
            if (inner.exponent() * exponent <= Op.MAX_POWER) {
                return unary(Op.POW, inner.arg(), inner.exponent() * exponent);
            }
        }
        if (EVEN.contains(op) && isOp(arg, Op.NEG) || ABS_INVARIANT.contains(op) && isOp(arg, Op.ABS)) {
            return unary(op, ((Expr.Unary) arg).arg(), exponent);
        }
        return node;
    }

    /** The canonical form of {@code left op right} for canonical operands. */
    private static Expr binary(Op op, Expr left, Expr right) {
        Expr node = new Expr.Binary(op, left, right);
        Optional<Expr> closedForm = folded(node).or(() -> polynomialForm(node));
        if (closedForm.isPresent()) {
            return closedForm.get();
        }
        Expr rewritten = switch (op) {
            case ADD -> sum(left, right);
            case SUB -> difference(left, right);
            case MUL -> product(left, right);
            default -> quotient(left, right);
        };
        return rewritten == null ? node : rewritten;
    }

    private static Expr sum(Expr left, Expr right) {
        if (isConstant(left, 0.0)) {
            return right;
        }
        if (isConstant(right, 0.0)) {
            return left;
        }
        if (left.equals(right)) {
            return binary(Op.MUL, constant(2.0), left);
        }
        if (isOp(right, Op.NEG)) {
            return binary(Op.SUB, left, ((Expr.Unary) right).arg());
        }
        if (isOp(left, Op.NEG)) {
            return binary(Op.SUB, right, ((Expr.Unary) left).arg());
        }
        if (left instanceof Expr.Const) {
            return binary(Op.ADD, right, left);
        }
        if (right instanceof Expr.Const c && c.value() < 0) {
            return binary(Op.SUB, left, constant(-c.value()));
        }
        return null;
    }

    private static Expr difference(Expr left, Expr right) {
        if (isConstant(right, 0.0)) {
            return left;
        }
        if (isConstant(left, 0.0)) {
            return unary(Op.NEG, right, 0);
        }
        if (left.equals(right)) {
            return constant(0.0);
        }
        if (isOp(right, Op.NEG)) {
            return binary(Op.ADD, left, ((Expr.Unary) right).arg());
        }
        if (right instanceof Expr.Const c && c.value() < 0) {
            return binary(Op.ADD, left, constant(-c.value()));
        }
        return null;
    }

    private static Expr product(Expr left, Expr right) {
        if (isConstant(left, 0.0) || isConstant(right, 0.0)) {
            return constant(0.0);
        }
        if (right instanceof Expr.Const && !(left instanceof Expr.Const)) {
            return binary(Op.MUL, right, left);
        }
        if (left instanceof Expr.Const c) {
            return scaled(c.value(), right);
        }
        Expr negated = negationOutside(left, right);
        if (negated != null) {
            return negated;
        }
        if (left.equals(right)) {
            return unary(Op.POW, left, 2);
        }
        Expr base = base(left);
        int exponent = exponent(left) + exponent(right);
        if (base.equals(base(right)) && exponent <= Op.MAX_POWER) {
            return unary(Op.POW, base, exponent);
        }
        return null;
    }

    /** c·h for a canonical non-constant h. */
    private static Expr scaled(double c, Expr h) {
        if (c == 1.0) {
            return h;
        }
        if (c == -1.0) {
            return unary(Op.NEG, h, 0);
        }
        if (isOp(h, Op.NEG)) {
            return binary(Op.MUL, constant(-c), ((Expr.Unary) h).arg());
        }
        Double inner = constantFactor(h);
        if (inner != null && Double.isFinite(c * inner)) {
            return binary(Op.MUL, constant(c * inner), ((Expr.Binary) h).right());
        }
        return null;
    }

    private static Expr quotient(Expr left, Expr right) {
        if (isConstant(right, 1.0)) {
            return left;
        }
        if (isConstant(right, -1.0)) {
            return unary(Op.NEG, left, 0);
        }
        if (right instanceof Expr.Const c && Math.abs(c.value()) < Op.PROTECTION_EPSILON) {
            return constant(1.0);
        }
        // a/a is 1 for every finite a: exactly where |a| is large enough, by protection elsewhere.
        // Not (−a)/b = −(a/b): where |b| is small enough for protection the left side is 1, the right −1.
        return left.equals(right) ? constant(1.0) : null;
    }

    /** (−a)·b and a·(−b) as −(a·b). */
    private static Expr negationOutside(Expr left, Expr right) {
        if (isOp(left, Op.NEG)) {
            return unary(Op.NEG, binary(Op.MUL, ((Expr.Unary) left).arg(), right), 0);
        }
        if (isOp(right, Op.NEG)) {
            return unary(Op.NEG, binary(Op.MUL, left, ((Expr.Unary) right).arg()), 0);
        }
        return null;
    }

    /**
     * The value of a subtree without x, evaluated whole rather than folded node by node: an
     * intermediate value may overflow where the result does not, as in tanh(exp(700)^2) = 1.
     */
    private static Optional<Expr> folded(Expr node) {
        if (hasX(node)) {
            return Optional.empty();
        }
        double value = node.evaluate(0.0);
        return Double.isFinite(value) ? Optional.of(constant(value)) : Optional.empty();
    }

    private static Optional<Expr> polynomialForm(Expr node) {
        return Polynomial.of(node, Op.MAX_POWER).map(Polynomial::toExpr);
    }

    /** c where {@code expr} is c·h, else null. */
    private static Double constantFactor(Expr expr) {
        return expr instanceof Expr.Binary b && b.op() == Op.MUL && b.left() instanceof Expr.Const c ? c.value() : null;
    }

    private static Expr base(Expr expr) {
        return isOp(expr, Op.POW) ? ((Expr.Unary) expr).arg() : expr;
    }

    private static int exponent(Expr expr) {
        return isOp(expr, Op.POW) ? ((Expr.Unary) expr).exponent() : 1;
    }

    private static boolean isOp(Expr expr, Op op) {
        return expr instanceof Expr.Unary u && u.op() == op;
    }

    private static boolean isConstant(Expr expr, double value) {
        return expr instanceof Expr.Const c && c.value() == value;
    }

    /** Whether the expression depends on x at all, as far as its nodes go. */
    static boolean hasX(Expr expr) {
        if (expr instanceof Expr.Unary u) {
            return hasX(u.arg());
        }
        if (expr instanceof Expr.Binary b) {
            return hasX(b.left()) || hasX(b.right());
        }
        return expr instanceof Expr.Var;
    }

    /** A constant with −0.0 made 0.0: no protected operator tells them apart, equality does. */
    private static Expr constant(double value) {
        return Expr.constant(value + 0.0);
    }
}
