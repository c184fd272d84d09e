package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.taskneurons.sr.Expr;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Op;
import org.taskneurons.sr.Term;

/**
 * A layer of task-based neurons built from a discovered formula y ≈ c0 + Σ_t c_t Σ_j g_t(x_j):
 * every constant becomes a learnable parameter per (neuron, input). Neuron o computes
 *
 * <pre>
 *   z_o = b_o + Σ_t Σ_j W_t[o, j] · g_t(x_j; θ_t[o, j])
 * </pre>
 *
 * where W_t (out, in) replaces the coefficient c_t, b (out) replaces c0, and each constant
 * inside g_t, such as the 0.5 of cos(0.5·x), becomes a tensor θ (out, in). Input x (B, in),
 * output z (B, out).
 *
 * <p>Two ways to compute it:
 * <ul>
 *   <li><b>Fused</b>, for a polynomial formula (every term a power x^{p_t}), the default: the
 *       powers are stacked into features [x^{p_1}, …, x^{p_T}] (B, in·T) and multiplied by one
 *       weight (out, in·T), whose column block t is W_t: one matrix product for all terms.</li>
 *   <li><b>Per term</b>, for any formula: a term without inner constants evaluates g_t(x) once
 *       as (B, in) and contracts it with W_t (a matrix product); a term with inner constants
 *       broadcasts x (B, 1, in) against its θ (out, in) to g_t (B, out, in) and sums
 *       g_t ⊙ W_t over the inputs.</li>
 * </ul>
 * Both compute the same function; {@link Builder#optFused(boolean) optFused(false)} forces the
 * per-term path, e.g. to check one against the other.
 *
 * <p>The weights start as {@link Initialization} says, with fan-in = in (the width of each
 * W_t, as in the paper's code); θ always starts at the formula's constants.
 */
public final class TaskNeuronLayer extends NeuronLayer {
    private static final byte VERSION = 1;

    private final Formula formula;
    private final boolean fused;
    private final Parameter bias;
    /** Fused: the one weight (out, in·T). Per term: W_t for each term. */
    private final List<Parameter> weights = new ArrayList<>();
    /** Per term: θ for each constant of each term, in {@link TensorExpression#constants} order. */
    private final List<List<Parameter>> thetas = new ArrayList<>();

    private TaskNeuronLayer(Builder builder) {
        super(VERSION, builder.units, builder.initialization, builder.seed);
        this.formula = builder.formula;
        this.fused = builder.fused && formula.isPolynomial();
        if (fused) {
            weights.add(parameter("weight", Parameter.Type.WEIGHT));
        } else {
            List<Term> terms = formula.terms();
            for (int t = 0; t < terms.size(); t++) {
                weights.add(parameter("term" + t + "_weight", Parameter.Type.WEIGHT));
                List<Parameter> termThetas = new ArrayList<>();
                int constants = TensorExpression.constants(terms.get(t).expr()).size();
                for (int k = 0; k < constants; k++) {
                    termThetas.add(parameter("term" + t + "_theta" + k, Parameter.Type.OTHER));
                }
                thetas.add(termThetas);
            }
        }
        bias = parameter("bias", Parameter.Type.BIAS);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Formula formula() {
        return formula;
    }

    /** Whether this layer computes all terms with one matrix product. */
    public boolean isFused() {
        return fused;
    }

    /** out·in·Σ_t (1 + number of constants in g_t) + out. */
    @Override
    public long parameterCount(int inputs) {
        return parameterCount(formula, inputs, units());
    }

    /** The parameters of a layer of {@code units} task-based neurons of {@code formula} on {@code inputs} inputs. */
    public static long parameterCount(Formula formula, int inputs, int units) {
        long perInput = formula.terms().stream()
                .mapToLong(term -> 1 + TensorExpression.constants(term.expr()).size())
                .sum();
        return (long) units * inputs * perInput + units;
    }

    @Override
    protected void prepareParameters(int inputs, SplittableRandom random) {
        List<Term> terms = formula.terms();
        boolean fromFormula = initialization() == Initialization.FORMULA;
        if (fused) {
            setUp(weights.get(0), new Shape(units(), (long) inputs * terms.size()),
                    fromFormula ? Initialization.values(fusedCoefficients(inputs)) : initialization().weights(inputs, random));
        } else {
            for (int t = 0; t < terms.size(); t++) {
                setUp(weights.get(t), new Shape(units(), inputs), fromFormula
                        ? Initialization.constant(terms.get(t).coef()) : initialization().weights(inputs, random));
                List<Double> constants = TensorExpression.constants(terms.get(t).expr());
                for (int k = 0; k < constants.size(); k++) {
                    setUp(thetas.get(t).get(k), new Shape(units(), inputs), Initialization.constant(constants.get(k)));
                }
            }
        }
        setUp(bias, new Shape(units()), fromFormula
                ? Initialization.constant(formula.intercept()) : initialization().biases(inputs, random));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray b = store.getValue(bias, device, training);
        if (fused) {
            // One product of the stacked powers (B, in·T) with the weight (out, in·T), bias included.
            return Linear.linear(powers(x), store.getValue(weights.get(0), device, training), b);
        }
        return new NDList(perTerm(store, x, b, training));
    }

    /** [x^{p_1}, …, x^{p_T}] along the feature axis, the last. */
    private NDArray powers(NDArray x) {
        NDList columns = new NDList();
        for (Term term : formula.terms()) {
            int power = power(term.expr());
            columns.add(power == 1 ? x : x.pow(power));
        }
        return columns.size() == 1 ? columns.head() : NDArrays.concat(columns, -1);
    }

    private NDArray perTerm(ParameterStore store, NDArray x, NDArray b, boolean training) {
        Device device = x.getDevice();
        NDArray broadcastX = null;
        NDArray z = null;
        boolean biasAdded = false;
        List<Term> terms = formula.terms();
        for (int t = 0; t < terms.size(); t++) {
            NDArray w = store.getValue(weights.get(t), device, training);
            NDArray contribution;
            if (thetas.get(t).isEmpty()) {
                // g_t(x) once for all neurons (B, in), contracted with W_t; the first such term carries the bias.
                NDArray g = TensorExpression.evaluate(terms.get(t).expr(), x, List.of());
                contribution = Linear.linear(g, w, biasAdded ? null : b).singletonOrThrow();
                biasAdded = true;
            } else {
                // Each neuron has its own θ: g_t (B, out, in) from x (B, 1, in) and θ (out, in), summed over inputs.
                broadcastX = broadcastX != null ? broadcastX : x.expandDims(1);
                List<NDArray> theta = new ArrayList<>();
                for (Parameter parameter : thetas.get(t)) {
                    theta.add(store.getValue(parameter, device, training));
                }
                NDArray g = TensorExpression.evaluate(terms.get(t).expr(), broadcastX, theta);
                contribution = g.mul(w).sum(new int[] {2});
            }
            z = z == null ? contribution : z.add(contribution);
        }
        return biasAdded ? z : z.add(b);
    }

    /**
     * As {@link #forwardInternal} for K trials: the fused product is one batched product; per
     * term, a term with inner constants broadcasts x (K, B, 1, in) against θ (K, 1, out, in).
     */
    @Override
    NDArray stackedForward(NDArray x, Function<Parameter, NDArray> stacked) {
        NDArray b = stacked.apply(bias);
        if (fused) {
            return stackedLinear(powers(x), stacked.apply(weights.get(0)), b);
        }
        NDArray broadcastX = null;
        NDArray z = null;
        boolean biasAdded = false;
        List<Term> terms = formula.terms();
        for (int t = 0; t < terms.size(); t++) {
            NDArray w = stacked.apply(weights.get(t));
            NDArray contribution;
            if (thetas.get(t).isEmpty()) {
                contribution = stackedLinear(TensorExpression.evaluate(terms.get(t).expr(), x, List.of()), w,
                        biasAdded ? null : b);
                biasAdded = true;
            } else {
                broadcastX = broadcastX != null ? broadcastX : x.expandDims(2);
                List<NDArray> theta = thetas.get(t).stream().map(p -> stacked.apply(p).expandDims(1)).toList();
                NDArray g = TensorExpression.evaluate(terms.get(t).expr(), broadcastX, theta);
                contribution = g.mul(w.expandDims(1)).sum(new int[] {3});
            }
            z = z == null ? contribution : z.add(contribution);
        }
        return biasAdded ? z : z.add(b.expandDims(1));
    }

    @Override
    FusedLayer fused(int inputs, int offset, int capacity) {
        return new FusedTaskLayer(formula, fused, inputs, units(), offset, capacity);
    }

    @Override
    BatchedLayer batched(int inputs, int offset, int capacity, int trials) {
        return new BatchedTaskLayer(formula, fused, inputs, units(), offset, capacity, trials);
    }

    /** The fused weight's initial values under formula initialization: column block t is c_t. */
    private double[] fusedCoefficients(int inputs) {
        List<Term> terms = formula.terms();
        int columns = inputs * terms.size();
        double[] values = new double[units() * columns];
        for (int o = 0; o < units(); o++) {
            for (int t = 0; t < terms.size(); t++) {
                for (int j = 0; j < inputs; j++) {
                    values[o * columns + t * inputs + j] = terms.get(t).coef();
                }
            }
        }
        return values;
    }

    /** k where the expression is x^k (x itself: 1). */
    private static int power(Expr expr) {
        if (expr instanceof Expr.Unary u && u.op() == Op.POW) {
            return u.exponent();
        }
        return 1;
    }

    /** Builds a {@link TaskNeuronLayer}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private Formula formula;
        private int units;
        private Initialization initialization = Initialization.DJL_DEFAULT;
        private long seed;
        private boolean fused = true;

        private Builder() {
        }

        /** The discovered formula; it must have at least one term. */
        public Builder setFormula(Formula formula) {
            this.formula = formula;
            return this;
        }

        /** The number of neurons. */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /** How the weights and the bias start; {@link Initialization#DJL_DEFAULT} unless set. */
        public Builder optInitialization(Initialization initialization) {
            this.initialization = initialization;
            return this;
        }

        /** The seed of the initial weights; 0 unless set. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether a polynomial formula is computed with one fused matrix product (the default) or per term. */
        public Builder optFused(boolean fused) {
            this.fused = fused;
            return this;
        }

        public TaskNeuronLayer build() {
            Objects.requireNonNull(formula, "formula");
            if (formula.terms().isEmpty()) {
                throw new IllegalArgumentException("formula has no terms, a task-based neuron needs at least one: "
                        + formula);
            }
            return new TaskNeuronLayer(this);
        }
    }
}
