package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskneurons.sr.Expr;
import org.taskneurons.sr.Op;

/**
 * A term's expression g(x; θ) as a flat postfix program evaluated on one scalar x with its
 * constants θ, together with the derivatives ∂g/∂x and ∂g/∂θ_k by one reverse sweep: the
 * fused path's counterpart of {@link TensorExpression}, with the same values and the same
 * gradients as PyTorch computes for that tensor code, protection points included (a protected
 * division, logarithm or square root has zero gradient where protection applies). Constants
 * are numbered in pre-order, as {@link TensorExpression#constants} numbers them.
 *
 * <p>Not thread-safe: the value and adjoint slots are reused by every evaluation.
 */
final class ScalarExpression {
    private final Op[] ops;
    private final int[] exponents;
    /** Per node: the constant's number for a constant, else the left (or only) child's node. */
    private final int[] left;
    private final int[] right;
    private final int constantCount;
    private final double[] values;
    private final double[] adjoints;
    private double xDerivative;

    private ScalarExpression(List<Node> nodes, int constantCount) {
        int size = nodes.size();
        ops = new Op[size];
        exponents = new int[size];
        left = new int[size];
        right = new int[size];
        for (int i = 0; i < size; i++) {
            Node node = nodes.get(i);
            ops[i] = node.op;
            exponents[i] = node.exponent;
            left[i] = node.left;
            right[i] = node.right;
        }
        this.constantCount = constantCount;
        values = new double[size];
        adjoints = new double[size];
    }

    /** {@code expr} compiled; its constants become the θ slots in pre-order. */
    static ScalarExpression of(Expr expr) {
        List<Node> nodes = new ArrayList<>();
        int[] constants = new int[1];
        compile(expr, nodes, constants);
        return new ScalarExpression(nodes, constants[0]);
    }

    int constantCount() {
        return constantCount;
    }

    /** g(x; θ). */
    double value(double x, double[] theta) {
        for (int i = 0; i < ops.length; i++) {
            values[i] = apply(i, x, theta);
        }
        return values[ops.length - 1];
    }

    /**
     * g(x; θ), with ∂g/∂θ_k written to {@code thetaGradient[k]} and ∂g/∂x kept for
     * {@link #xDerivative()}.
     */
    double valueAndGradient(double x, double[] theta, double[] thetaGradient) {
        double value = value(x, theta);
        Arrays.fill(adjoints, 0.0);
        Arrays.fill(thetaGradient, 0, constantCount, 0.0);
        adjoints[ops.length - 1] = 1.0;
        double dx = 0;
        for (int i = ops.length - 1; i >= 0; i--) {
            double adjoint = adjoints[i];
            switch (ops[i]) {
                case VAR -> dx += adjoint;
                case CONST -> thetaGradient[left[i]] += adjoint;
                case ADD -> {
                    adjoints[left[i]] += adjoint;
                    adjoints[right[i]] += adjoint;
                }
                case SUB -> {
                    adjoints[left[i]] += adjoint;
                    adjoints[right[i]] -= adjoint;
                }
                case MUL -> {
                    adjoints[left[i]] += adjoint * values[right[i]];
                    adjoints[right[i]] += adjoint * values[left[i]];
                }
                case DIV -> {
                    double b = values[right[i]];
                    if (Math.abs(b) >= Op.PROTECTION_EPSILON) {
                        adjoints[left[i]] += adjoint / b;
                        adjoints[right[i]] -= adjoint * values[left[i]] / (b * b);
                    }
                }
                default -> adjoints[left[i]] += adjoint * derivative(i);
            }
        }
        xDerivative = dx;
        return value;
    }

    /** ∂g/∂x at the point of the last {@link #valueAndGradient}. */
    double xDerivative() {
        return xDerivative;
    }

    private double apply(int i, double x, double[] theta) {
        return switch (ops[i]) {
            case VAR -> x;
            case CONST -> theta[left[i]];
            case ADD -> values[left[i]] + values[right[i]];
            case SUB -> values[left[i]] - values[right[i]];
            case MUL -> values[left[i]] * values[right[i]];
            case DIV -> {
                double b = values[right[i]];
                yield Math.abs(b) < Op.PROTECTION_EPSILON ? 1.0 : values[left[i]] / b;
            }
            case NEG -> -values[left[i]];
            case POW -> Op.power(values[left[i]], exponents[i]);
            case EXP -> Math.exp(Math.min(values[left[i]], Op.EXP_CLAMP));
            case LOG -> {
                double magnitude = Math.abs(values[left[i]]);
                yield magnitude < Op.PROTECTION_EPSILON ? 0.0 : Math.log(magnitude);
            }
            case SQRT -> {
                double magnitude = Math.abs(values[left[i]]);
                yield magnitude < Op.PROTECTION_EPSILON ? 0.0 : Math.sqrt(magnitude);
            }
            case SIN -> Math.sin(values[left[i]]);
            case COS -> Math.cos(values[left[i]]);
            case TANH -> Math.tanh(values[left[i]]);
            case ABS -> Math.abs(values[left[i]]);
        };
    }

    /** d(node i)/d(its argument) for a unary node, after {@link #value}. */
    private double derivative(int i) {
        double a = values[left[i]];
        return switch (ops[i]) {
            case NEG -> -1.0;
            case POW -> exponents[i] * Op.power(a, exponents[i] - 1);
            case EXP -> a < Op.EXP_CLAMP ? values[i] : 0.0;
            case LOG -> Math.abs(a) < Op.PROTECTION_EPSILON ? 0.0 : 1.0 / a;
            case SQRT -> Math.abs(a) < Op.PROTECTION_EPSILON ? 0.0 : Math.signum(a) * 0.5 / values[i];
            case SIN -> Math.cos(a);
            case COS -> -Math.sin(a);
            case TANH -> 1.0 - values[i] * values[i];
            case ABS -> Math.signum(a);
            default -> throw new IllegalStateException("not a unary operator: " + ops[i]);
        };
    }

    /** Appends the nodes of {@code expr} in postfix order; returns the index of its root. */
    private static int compile(Expr expr, List<Node> nodes, int[] constants) {
        Node node;
        if (expr instanceof Expr.Var) {
            node = new Node(Op.VAR, 0, -1, -1);
        } else if (expr instanceof Expr.Const) {
            node = new Node(Op.CONST, 0, constants[0]++, -1);
        } else if (expr instanceof Expr.Unary u) {
            node = new Node(u.op(), u.exponent(), compile(u.arg(), nodes, constants), -1);
        } else {
            Expr.Binary b = (Expr.Binary) expr;
            int l = compile(b.left(), nodes, constants);
            node = new Node(b.op(), 0, l, compile(b.right(), nodes, constants));
        }
        nodes.add(node);
        return nodes.size() - 1;
    }

    private record Node(Op op, int exponent, int left, int right) {
    }
}
