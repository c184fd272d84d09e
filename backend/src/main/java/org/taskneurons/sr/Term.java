package org.taskneurons.sr;

import java.util.Objects;

/**
 * One term coef·Σ_j g(x_j) of a formula: the univariate expression g applied to every input
 * and summed, times a coefficient.
 *
 * @param expr g; it must contain x, since the sum of a constant depends on the number of inputs
 * @param coef finite and non-zero
 */
public record Term(Expr expr, double coef) {
    public Term {
        Objects.requireNonNull(expr, "expr");
        if (!Double.isFinite(coef) || coef == 0.0) {
            throw new IllegalArgumentException("term coefficient must be finite and non-zero: " + coef);
        }
        if (!Simplifier.hasX(expr)) {
            throw new IllegalArgumentException("term expression has no x, its sum depends on the number of inputs: "
                    + FormulaPrinter.ascii(expr));
        }
    }

    /** The term in the formula text form, such as {@code 2·Σcos(x)}. */
    @Override
    public String toString() {
        return FormulaPrinter.term(this, true);
    }
}
