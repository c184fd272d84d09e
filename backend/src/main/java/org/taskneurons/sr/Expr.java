package org.taskneurons.sr;

import java.util.Objects;

/**
 * An immutable univariate expression tree g(x): the readable form of a term, used for
 * printing, parsing and simplification. Search runs on flat {@link Program}s instead.
 */
public sealed interface Expr permits Expr.Var, Expr.Const, Expr.Unary, Expr.Binary {

    /** Value at x (naive recursive evaluation). */
    double evaluate(double x);

    /** Number of nodes. */
    int size();

    static Expr x() {
        return Var.INSTANCE;
    }

    static Expr constant(double value) {
        return new Const(value);
    }

    static Expr unary(Op op, Expr arg) {
        return new Unary(op, arg, 0);
    }

    static Expr power(Expr base, int exponent) {
        return new Unary(Op.POW, base, exponent);
    }

    static Expr binary(Op op, Expr left, Expr right) {
        return new Binary(op, left, right);
    }

    /** The variable x. */
    record Var() implements Expr {
        static final Var INSTANCE = new Var();

        @Override
        public double evaluate(double x) {
            return x;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    record Const(double value) implements Expr {
        public Const {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant must be finite: " + value);
            }
        }

        @Override
        public double evaluate(double x) {
            return value;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** A unary function; {@code exponent} is the power of {@link Op#POW} and 0 otherwise. */
    record Unary(Op op, Expr arg, int exponent) implements Expr {
        public Unary {
            Objects.requireNonNull(arg, "arg");
            if (op.arity() != 1) {
                throw new IllegalArgumentException("not a unary operator: " + op);
            }
            if (op == Op.POW && (exponent < 2 || exponent > Op.MAX_POWER)) {
                throw new IllegalArgumentException("power out of range [2, " + Op.MAX_POWER + "]: " + exponent);
            }
            if (op != Op.POW && exponent != 0) {
                throw new IllegalArgumentException("exponent given to " + op + ": " + exponent);
            }
        }

        @Override
        public double evaluate(double x) {
            return op.apply(arg.evaluate(x), exponent);
        }

        @Override
        public int size() {
            return 1 + arg.size();
        }
    }

    record Binary(Op op, Expr left, Expr right) implements Expr {
        public Binary {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            if (op.arity() != 2) {
                throw new IllegalArgumentException("not a binary operator: " + op);
            }
        }

        @Override
        public double evaluate(double x) {
            return op.apply(left.evaluate(x), right.evaluate(x));
        }

        @Override
        public int size() {
            return 1 + left.size() + right.size();
        }
    }
}
