package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.List;
import org.taskneurons.sr.Expr;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Op;
import org.taskneurons.sr.Term;

/**
 * How the fused paths ({@link FusedTaskLayer}, {@link BatchedTaskLayer}) evaluate a
 * {@link TaskNeuronLayer} and where its parameters lie: groups of terms without inner
 * constants, each contracted as features by one weight, and terms with constants, each with
 * its weight and θs; then the bias.
 *
 * @param features  the feature groups, in parameter order
 * @param constants the terms with constants, in parameter order
 * @param bias      where the bias (units) starts
 */
record TaskLayerLayout(List<FeatureGroup> features, List<ConstantGroup> constants, int bias) {

    /**
     * Terms without inner constants, g_k(x_j) side by side (rows, inputs·terms), with one
     * weight (units, inputs·terms) at {@code weight}: term k is x^{powers[k]}, or
     * {@code expressions[k]} where that is not null.
     */
    record FeatureGroup(int[] powers, ScalarExpression[] expressions, int weight) {

        int terms() {
            return powers.length;
        }

        static FeatureGroup of(List<Expr> exprs, int weight) {
            int[] powers = new int[exprs.size()];
            ScalarExpression[] expressions = new ScalarExpression[exprs.size()];
            for (int k = 0; k < exprs.size(); k++) {
                Expr expr = exprs.get(k);
                if (expr instanceof Expr.Var) {
                    powers[k] = 1;
                } else if (expr instanceof Expr.Unary u && u.op() == Op.POW && u.arg() instanceof Expr.Var) {
                    powers[k] = u.exponent();
                } else {
                    expressions[k] = ScalarExpression.of(expr);
                }
            }
            return new FeatureGroup(powers, expressions, weight);
        }
    }

    /** A term with constants: its weight W (units, inputs) at {@code weight}, then one θ (units, inputs) per constant. */
    record ConstantGroup(ScalarExpression expression, int weight, int thetas) {
    }

    /**
     * The layout of {@code formula}'s layer whose parameters start at {@code offset} in the
     * order of a {@link TaskNeuronLayer} that is {@code fusedLayout} (one weight, then the bias)
     * or not (per term its weight and its θs, then the bias).
     */
    static TaskLayerLayout of(Formula formula, boolean fusedLayout, int inputs, int units, int offset) {
        List<Term> terms = formula.terms();
        int matrix = units * inputs;
        if (fusedLayout) {
            return new TaskLayerLayout(List.of(FeatureGroup.of(terms.stream().map(Term::expr).toList(), offset)), List.of(),
                    offset + matrix * terms.size());
        }
        List<FeatureGroup> features = new ArrayList<>();
        List<ConstantGroup> constants = new ArrayList<>();
        int next = offset;
        for (Term term : terms) {
            ScalarExpression expression = ScalarExpression.of(term.expr());
            if (expression.constantCount() == 0) {
                features.add(FeatureGroup.of(List.of(term.expr()), next));
            } else {
                constants.add(new ConstantGroup(expression, next, next + matrix));
            }
            next += matrix * (1 + expression.constantCount());
        }
        return new TaskLayerLayout(features, constants, next);
    }
}
