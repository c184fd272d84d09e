package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.taskneurons.sr.Expr;
import org.taskneurons.sr.Op;

/**
 * A term's univariate expression g(x; θ) evaluated element-wise on tensors with the semantics
 * of {@link Op}: protected division (1 where |b| < {@link Op#PROTECTION_EPSILON}), protected
 * logarithm (ln|a|, 0 near 0), sqrt(|a|), exp with its argument clamped at
 * {@link Op#EXP_CLAMP}. Every constant node reads its value from a tensor θ, one per constant
 * in pre-order, so that a layer can make each constant a parameter per (neuron, input).
 *
 * <p>Where the operators have no finite derivative (sqrt and log at 0) every branch is kept
 * finite, so that one input at 0 cannot turn a whole gradient into NaN: below the protection
 * threshold sqrt gives 0 (the exact value is at most 1e-6) and a zero gradient; elsewhere the
 * values are those of {@link Op}.
 */
final class TensorExpression {
    private TensorExpression() {
    }

    /** The constants of {@code expr} in pre-order, the order in which {@link #evaluate} reads θ. */
    static List<Double> constants(Expr expr) {
        List<Double> values = new ArrayList<>();
        collect(expr, values);
        return values;
    }

    /**
     * g evaluated at every element of {@code x}; the result broadcasts x against every θ and
     * belongs to x's manager.
     *
     * @param constants one tensor per constant of g, in the order of {@link #constants}
     */
    static NDArray evaluate(Expr expr, NDArray x, List<NDArray> constants) {
        if (constants.size() != constants(expr).size()) {
            throw new IllegalArgumentException(constants.size() + " constant tensors for "
                    + constants(expr).size() + " constants");
        }
        return new Walk(x, constants.iterator()).eval(expr);
    }

    private static void collect(Expr expr, List<Double> values) {
        if (expr instanceof Expr.Const c) {
            values.add(c.value());
        } else if (expr instanceof Expr.Unary u) {
            collect(u.arg(), values);
        } else if (expr instanceof Expr.Binary b) {
            collect(b.left(), values);
            collect(b.right(), values);
        }
    }

    /** One evaluation; intermediate results are moved to x's manager, since an op on θ would leave them with the parameters. */
    private static final class Walk {
        private final NDArray x;
        private final NDManager manager;
        private final Iterator<NDArray> constants;

        Walk(NDArray x, Iterator<NDArray> constants) {
            this.x = x;
            this.manager = x.getManager();
            this.constants = constants;
        }

        NDArray eval(Expr expr) {
            if (expr instanceof Expr.Var) {
                return x;
            }
            if (expr instanceof Expr.Const) {
                return constants.next();
            }
            if (expr instanceof Expr.Unary u) {
                return owned(unary(u.op(), eval(u.arg()), u.exponent()));
            }
            Expr.Binary b = (Expr.Binary) expr;
            NDArray left = eval(b.left());
            return owned(binary(b.op(), left, eval(b.right())));
        }

        private NDArray unary(Op op, NDArray a, int exponent) {
            return switch (op) {
                case NEG -> a.neg();
                case POW -> a.pow(exponent);
                case EXP -> owned(a.minimum(Op.EXP_CLAMP)).exp();
                case LOG -> protectedLog(a);
                case SQRT -> protectedSqrt(a);
                case SIN -> a.sin();
                case COS -> a.cos();
                case TANH -> a.tanh();
                case ABS -> a.abs();
                default -> throw new IllegalArgumentException("not a unary operator: " + op);
            };
        }

        private NDArray binary(Op op, NDArray a, NDArray b) {
            return switch (op) {
                case ADD -> a.add(b);
                case SUB -> a.sub(b);
                case MUL -> a.mul(b);
                case DIV -> protectedDivision(a, b);
                default -> throw new IllegalArgumentException("not a binary operator: " + op);
            };
        }

        /** a / b, and 1 where |b| is below the protection threshold; the quotient divides by 1 there so that no inf or NaN reaches the gradient. */
        private NDArray protectedDivision(NDArray a, NDArray b) {
            NDArray small = owned(owned(b.abs()).lt(Op.PROTECTION_EPSILON));
            NDArray divisor = owned(NDArrays.where(small, owned(b.onesLike()), b));
            NDArray quotient = owned(a.div(divisor));
            return NDArrays.where(small, owned(quotient.onesLike()), quotient);
        }

        /** ln|a|, and 0 where |a| is below the protection threshold. */
        private NDArray protectedLog(NDArray a) {
            NDArray magnitude = owned(a.abs());
            NDArray small = owned(magnitude.lt(Op.PROTECTION_EPSILON));
            NDArray log = owned(owned(magnitude.maximum(Op.PROTECTION_EPSILON)).log());
            return NDArrays.where(small, owned(log.zerosLike()), log);
        }

        /** sqrt(|a|); below the protection threshold 0 (within 1e-6 of the exact value) with a zero gradient. */
        private NDArray protectedSqrt(NDArray a) {
            NDArray magnitude = owned(a.abs());
            NDArray small = owned(magnitude.lt(Op.PROTECTION_EPSILON));
            NDArray root = owned(owned(magnitude.maximum(Op.PROTECTION_EPSILON)).sqrt());
            return NDArrays.where(small, owned(root.zerosLike()), root);
        }

        private NDArray owned(NDArray array) {
            if (array.getManager() != manager) {
                array.attach(manager);
            }
            return array;
        }
    }
}
