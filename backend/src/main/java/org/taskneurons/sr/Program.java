package org.taskneurons.sr;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A univariate program g(x) as a flat postfix array, the representation search runs on.
 *
 * <p>Node i holds an operator, a value (the constant of {@link Op#CONST}, the exponent of
 * {@link Op#POW}, 0 otherwise) and the length of the subtree it roots. A subtree is the
 * contiguous range {@code [start(i), i]}, so crossover and mutation are range copies and a
 * top-level summand can be evaluated on its own.
 */
public final class Program {
    private static final Op[] OPS = Op.values();

    private final byte[] ops;
    private final double[] values;
    private final int[] lengths;

    private Program(byte[] ops, double[] values) {
        this.ops = ops;
        this.values = values;
        this.lengths = subtreeLengths(ops);
    }

    /** A program from postfix arrays, validated; the arrays are copied. */
    public static Program of(Op[] ops, double[] values) {
        if (ops.length != values.length) {
            throw new IllegalArgumentException("ops and values differ in length: " + ops.length + " != " + values.length);
        }
        byte[] codes = new byte[ops.length];
        for (int i = 0; i < ops.length; i++) {
            codes[i] = (byte) ops[i].ordinal();
        }
        return new Program(codes, values.clone());
    }

    /** The postfix form of an expression tree. */
    public static Program of(Expr expr) {
        int size = expr.size();
        byte[] codes = new byte[size];
        double[] values = new double[size];
        int end = write(expr, codes, values, 0);
        assert end == size;
        return new Program(codes, values);
    }

    private static int write(Expr expr, byte[] codes, double[] values, int at) {
        if (expr instanceof Expr.Const c) {
            return put(codes, values, at, Op.CONST, c.value());
        }
        if (expr instanceof Expr.Unary u) {
            return put(codes, values, write(u.arg(), codes, values, at), u.op(), u.exponent());
        }
        if (expr instanceof Expr.Binary b) {
            int afterLeft = write(b.left(), codes, values, at);
            return put(codes, values, write(b.right(), codes, values, afterLeft), b.op(), 0);
        }
        return put(codes, values, at, Op.VAR, 0);
    }

    private static int put(byte[] codes, double[] values, int at, Op op, double value) {
        codes[at] = (byte) op.ordinal();
        values[at] = value;
        return at + 1;
    }

    private static int[] subtreeLengths(byte[] ops) {
        if (ops.length == 0) {
            throw new IllegalArgumentException("empty program");
        }
        int[] lengths = new int[ops.length];
        int[] stack = new int[ops.length];
        int depth = 0;
        for (int i = 0; i < ops.length; i++) {
            Op op = OPS[ops[i]];
            if (depth < op.arity()) {
                throw new IllegalArgumentException("node " + i + " (" + op + ") needs " + op.arity()
                        + " operands, has " + depth);
            }
            int length = 1;
            for (int a = 0; a < op.arity(); a++) {
                length += stack[--depth];
            }
            lengths[i] = length;
            stack[depth++] = length;
        }
        if (depth != 1) {
            throw new IllegalArgumentException("program leaves " + depth + " values, expected 1");
        }
        return lengths;
    }

    public int size() {
        return ops.length;
    }

    public Op op(int node) {
        return OPS[ops[node]];
    }

    byte code(int node) {
        return ops[node];
    }

    public double value(int node) {
        return values[node];
    }

    /** Number of nodes of the subtree rooted at {@code node}. */
    public int length(int node) {
        return lengths[node];
    }

    /** First node of the subtree rooted at {@code node}. */
    public int start(int node) {
        return node - lengths[node] + 1;
    }

    public int root() {
        return ops.length - 1;
    }

    /** Depth of the tree: 1 for a single terminal. */
    public int depth() {
        int[] depths = new int[ops.length];
        int[] stack = new int[ops.length];
        int top = 0;
        int deepest = 0;
        for (int i = 0; i < ops.length; i++) {
            int arity = OPS[ops[i]].arity();
            int d = 0;
            for (int a = 0; a < arity; a++) {
                d = Math.max(d, stack[--top]);
            }
            depths[i] = d + 1;
            stack[top++] = d + 1;
            deepest = Math.max(deepest, d + 1);
        }
        return deepest;
    }

    /** Whether every node is a polynomial primitive (x, constants, +, −, ×, neg, integer powers). */
    public boolean isPolynomial() {
        return isPolynomial(0, root());
    }

    boolean isPolynomial(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!OPS[ops[i]].isPolynomial()) {
                return false;
            }
        }
        return true;
    }

    /** The program with the subtree rooted at {@code node} replaced by {@code replacement}. */
    public Program replace(int node, Program replacement) {
        int start = start(node);
        int tail = ops.length - node - 1;
        int size = start + replacement.size() + tail;
        byte[] newOps = new byte[size];
        double[] newValues = new double[size];
        System.arraycopy(ops, 0, newOps, 0, start);
        System.arraycopy(values, 0, newValues, 0, start);
        System.arraycopy(replacement.ops, 0, newOps, start, replacement.size());
        System.arraycopy(replacement.values, 0, newValues, start, replacement.size());
        System.arraycopy(ops, node + 1, newOps, start + replacement.size(), tail);
        System.arraycopy(values, node + 1, newValues, start + replacement.size(), tail);
        return new Program(newOps, newValues);
    }

    /** The subtree rooted at {@code node} as a program of its own. */
    public Program subtree(int node) {
        int start = start(node);
        return new Program(Arrays.copyOfRange(ops, start, node + 1), Arrays.copyOfRange(values, start, node + 1));
    }

    /** The same structure with other constant values (fitted constants written back). */
    Program withValues(double[] newValues) {
        return new Program(ops, newValues.clone());
    }

    double[] values() {
        return values.clone();
    }

    /** The whole program as an expression tree. */
    public Expr toExpr() {
        return toExpr(root());
    }

    /** The subtree rooted at {@code node} as an expression tree. */
    public Expr toExpr(int node) {
        Deque<Expr> stack = new ArrayDeque<>();
        for (int i = start(node); i <= node; i++) {
            Op op = OPS[ops[i]];
            switch (op.arity()) {
                case 0 -> stack.push(op == Op.VAR ? Expr.x() : Expr.constant(values[i]));
                case 1 -> stack.push(op == Op.POW ? Expr.power(stack.pop(), (int) values[i]) : Expr.unary(op, stack.pop()));
                default -> {
                    Expr right = stack.pop();
                    stack.push(Expr.binary(op, stack.pop(), right));
                }
            }
        }
        return stack.pop();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Program p && Arrays.equals(ops, p.ops) && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ops) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ops.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            Op op = OPS[ops[i]];
            text.append(switch (op) {
                case CONST -> Double.toString(values[i]);
                case POW -> "^" + (int) values[i];
                default -> op.symbol();
            });
        }
        return text.toString();
    }
}
