package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A discovered formula y = c0 + Σ_t coef_t Σ_j g_t(x_j): every term applies its univariate
 * expression g_t to each of the m inputs and sums, so the formula serves any number of inputs.
 *
 * <p>Formulas are immutable and canonical, so that equal formulas are {@link #equals equal}:
 * each term's expression is {@linkplain Simplifier simplified}; a constant factor at its top
 * (c·h, −h, h/c) moves into the coefficient; a sum splits into one term per summand unless a
 * summand is a constant (Σ(h + c) = Σh + m·c needs m, which a formula does not know); like
 * terms merge and zero coefficients go. Terms are ordered powers of x first by descending
 * degree, then the others by their text.
 *
 * <p>The text form ({@link #toString()}, read back by {@link #parse}) is exact:
 * {@code 6·Σx^2 + 2·Σx − 3}.
 */
public final class Formula {
    private static final Comparator<Term> ORDER = Comparator
            .comparingInt((Term term) -> -power(term.expr()))
            .thenComparing(term -> FormulaPrinter.ascii(term.expr()));

    private final double intercept;
    private final List<Term> terms;

    private Formula(double intercept, List<Term> terms) {
        this.intercept = intercept;
        this.terms = terms;
    }

    /**
     * The canonical formula intercept + Σ_t coef_t Σ_j g_t(x_j).
     *
     * @throws IllegalArgumentException when the intercept is not finite, or a term's
     *                                  expression simplifies to a non-zero constant c (its sum
     *                                  m·c depends on the number of inputs)
     */
    public static Formula of(double intercept, List<Term> terms) {
        requireFinite("intercept", intercept);
        List<Term> parts = new ArrayList<>();
        for (Term term : terms) {
            Objects.requireNonNull(term, "term");
            decompose(term.expr(), term.coef(), OptionalInt.empty(), parts);
        }
        Map<Expr, Double> coefs = new LinkedHashMap<>();
        for (Term part : parts) {
            coefs.merge(part.expr(), part.coef(), Double::sum);
        }
        List<Term> merged = new ArrayList<>();
        coefs.forEach((expr, coef) -> {
            if (coef != 0.0) {
                merged.add(new Term(expr, coef));
            }
        });
        merged.sort(ORDER);
        // -0.0 + 0.0 is 0.0: the sign of a zero intercept must not break equality.
        return new Formula(intercept + 0.0, List.copyOf(merged));
    }

    /**
     * The polynomial formula intercept + Σ_k a_k Σ_j x_j^k.
     *
     * @param coefByPower a_k at index k, at most {@link Op#MAX_POWER} + 1 long; index 0 must be
     *                    0, since Σ_j x_j^0 = m depends on the number of inputs (put constants
     *                    in the intercept)
     */
    public static Formula polynomial(double intercept, double[] coefByPower) {
        if (coefByPower.length > Op.MAX_POWER + 1) {
            throw new IllegalArgumentException("degree above " + Op.MAX_POWER + ": " + (coefByPower.length - 1));
        }
        if (coefByPower.length > 0 && coefByPower[0] != 0.0) {
            throw new IllegalArgumentException(
                    "coefficient of Σx^0 must be 0, its sum depends on the number of inputs: " + coefByPower[0]);
        }
        List<Term> terms = new ArrayList<>();
        for (int k = 1; k < coefByPower.length; k++) {
            if (coefByPower[k] != 0.0) {
                terms.add(new Term(k == 1 ? Expr.x() : Expr.power(Expr.x(), k), coefByPower[k]));
            }
        }
        return of(intercept, terms);
    }

    /**
     * The formula alpha + beta·Σ_{j=1..m} g(x_j) that a search found with linear scaling: g
     * is simplified (a polynomial g of degree at most {@link Op#MAX_POWER} is expanded) and
     * split into summands; each constant summand c adds beta·c·m to the intercept, every
     * other summand becomes a term.
     */
    public static Formula fromTree(Expr g, double alpha, double beta, int inputCount) {
        Objects.requireNonNull(g, "g");
        requireFinite("alpha", alpha);
        requireFinite("beta", beta);
        if (inputCount < 1) {
            throw new IllegalArgumentException("input count must be positive: " + inputCount);
        }
        if (beta == 0.0) {
            return of(alpha, List.of());
        }
        List<Term> terms = new ArrayList<>();
        double constants = decompose(g, beta, OptionalInt.of(inputCount), terms);
        return of(alpha + constants, terms);
    }

    /**
     * Reads a formula: its own text ({@code 6·Σx^2 + 2·Σx − 3}), the paper's notation
     * ({@code 6@x**2 + 2@x - 3}) or ASCII ({@code 6*sum(x^2) + 2*sum(x) - 3}); see
     * {@link FormulaParser} for the grammar.
     *
     * @throws FormulaSyntaxException naming the column and what was expected
     */
    public static Formula parse(String text) {
        return FormulaParser.formula(text);
    }

    /** Reads one univariate expression g(x), such as {@code cos(0.5*x) + x^2}, exactly as written. */
    public static Expr parseExpr(String text) {
        return FormulaParser.expr(text);
    }

    /** The text of an expression in the grammar of {@link #parseExpr}, with {@code *} for products; exact. */
    public static String exprText(Expr expr) {
        return FormulaPrinter.ascii(expr);
    }

    public double intercept() {
        return intercept;
    }

    /** The terms in canonical order; unmodifiable. */
    public List<Term> terms() {
        return terms;
    }

    /** c0 + Σ_t coef_t Σ_j g_t(row[j]) for one row of m inputs. */
    public double predict(double[] row) {
        double y = intercept;
        for (Term term : terms) {
            double sum = 0.0;
            for (double x : row) {
                sum += term.expr().evaluate(x);
            }
            y += term.coef() * sum;
        }
        return y;
    }

    /**
     * Predictions for column-major inputs, {@code columns[j][i]} the input j of row i; equal to
     * {@link #predict(double[])} row by row.
     */
    public double[] predict(double[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("at least one input column is needed to know the number of rows");
        }
        int rows = columns[0].length;
        for (int j = 1; j < columns.length; j++) {
            if (columns[j].length != rows) {
                throw new IllegalArgumentException("column " + j + " has " + columns[j].length + " rows, column 0 has " + rows);
            }
        }
        double[] y = new double[rows];
        Arrays.fill(y, intercept);
        double[] sums = new double[rows];
        for (Term term : terms) {
            Arrays.fill(sums, 0.0);
            for (double[] column : columns) {
                for (int i = 0; i < rows; i++) {
                    sums[i] += term.expr().evaluate(column[i]);
                }
            }
            for (int i = 0; i < rows; i++) {
                y[i] += term.coef() * sums[i];
            }
        }
        return y;
    }

    /** Nodes of the term expressions, plus one per term (its coefficient) and one for a non-zero intercept. */
    public int complexity() {
        int nodes = terms.stream().mapToInt(term -> term.expr().size()).sum();
        return nodes + terms.size() + interceptCount();
    }

    /**
     * The parameters of a neuron built from this formula: the coefficients, the constants
     * inside the expressions, and the intercept where it is non-zero (a zero intercept means
     * the fit left it out).
     */
    public int constantCount() {
        int inner = terms.stream().mapToInt(term -> constants(term.expr())).sum();
        return terms.size() + inner + interceptCount();
    }

    /** Whether every term is a power of x, so that the formula is c0 + Σ_k a_k Σ_j x_j^k. */
    public boolean isPolynomial() {
        return terms.stream().allMatch(term -> power(term.expr()) > 0);
    }

    /** The highest power of a polynomial formula (0 for a constant); empty for any other. */
    public OptionalInt degree() {
        return isPolynomial() ? OptionalInt.of(terms.stream().mapToInt(term -> power(term.expr())).max().orElse(0))
                : OptionalInt.empty();
    }

    /**
     * The coefficients of a polynomial formula: index 0 the intercept, index k the
     * coefficient of Σ_j x_j^k.
     *
     * @throws IllegalStateException for a formula that is not {@linkplain #isPolynomial polynomial}
     */
    public double[] polynomialCoefficients() {
        if (!isPolynomial()) {
            throw new IllegalStateException("not a polynomial formula: " + this);
        }
        double[] coefficients = new double[degree().getAsInt() + 1];
        coefficients[0] = intercept;
        for (Term term : terms) {
            coefficients[power(term.expr())] = term.coef();
        }
        return coefficients;
    }

    /** LaTeX for display, with coefficients rounded to 4 significant digits: {@code 6\sum_{j} x_j^{2} + 2\sum_{j} x_j - 3}. */
    public String toLatex() {
        return LatexPrinter.formula(this);
    }

    /**
     * {@code {"formula":"6·Σx^2 + 2·Σx − 3","intercept":-3.0,"terms":[{"expr":"x^2","coef":6.0},…]}}
     * with exact doubles and each {@code expr} in the grammar of {@link #parseExpr}.
     */
    public String toJson() {
        return FormulaPrinter.json(this);
    }

    /** The exact text form, {@code 6·Σx^2 + 2·Σx − 3}, which {@link #parse} reads back to an equal formula. */
    @Override
    public String toString() {
        return FormulaPrinter.formula(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Formula f && Double.compare(intercept, f.intercept) == 0 && terms.equals(f.terms);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(intercept) + terms.hashCode();
    }

    /**
     * Adds the canonical terms of coef·Σg to {@code terms} and returns the constant that goes
     * to the intercept: Σ_j c = m·c where the input count m is known; where it is not, a
     * constant summand keeps its sum together in one term.
     */
    private static double decompose(Expr g, double coef, OptionalInt inputCount, List<Term> terms) {
        Expr h = Simplifier.simplify(g);
        if (!Simplifier.hasX(h)) {
            // Where the simplifier could not fold h, its value is not finite, and neither is the intercept.
            double value = h.evaluate(0.0);
            if (value == 0.0) {
                return 0.0;
            }
            if (inputCount.isEmpty()) {
                throw new IllegalArgumentException("term expression is the constant " + FormulaPrinter.ascii(h)
                        + ", its sum depends on the number of inputs: " + FormulaPrinter.ascii(g));
            }
            return coef * value * inputCount.getAsInt();
        }
        double scaled = coef;
        for (Factored factored = Factored.of(h); factored != null; factored = Factored.of(h)) {
            scaled *= factored.factor();
            h = factored.rest();
        }
        if (scaled == 0.0) {
            return 0.0;
        }
        requireFinite("coefficient of " + FormulaPrinter.ascii(h), scaled);
        List<Summand> summands = new ArrayList<>();
        Summand.split(h, 1.0, summands);
        boolean keepSum = inputCount.isEmpty() && summands.stream().anyMatch(s -> !Simplifier.hasX(s.expr()));
        if (summands.size() == 1 || keepSum) {
            terms.add(new Term(h, scaled));
            return 0.0;
        }
        double constant = 0.0;
        for (Summand summand : summands) {
            constant += decompose(summand.expr(), scaled * summand.sign(), inputCount, terms);
        }
        return constant;
    }

    /** A canonical expression c·h, −h or h/c as the factor and h. */
    private record Factored(double factor, Expr rest) {
        /** Null where the expression has no constant factor at its top. */
        static Factored of(Expr expr) {
            if (expr instanceof Expr.Unary u && u.op() == Op.NEG) {
                return new Factored(-1.0, u.arg());
            }
            if (expr instanceof Expr.Binary b && b.op() == Op.MUL && b.left() instanceof Expr.Const c) {
                return new Factored(c.value(), b.right());
            }
            // The simplifier has already replaced h/c by 1 where c is small enough for protection.
            if (expr instanceof Expr.Binary b && b.op() == Op.DIV && b.right() instanceof Expr.Const c) {
                return new Factored(1.0 / c.value(), b.left());
            }
            return null;
        }
    }

    /** One summand of a sum, with its sign. */
    private record Summand(Expr expr, double sign) {
        /** Splits along +, − and negation. */
        static void split(Expr expr, double sign, List<Summand> summands) {
            if (expr instanceof Expr.Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)) {
                split(b.left(), sign, summands);
                split(b.right(), b.op() == Op.ADD ? sign : -sign, summands);
            } else if (expr instanceof Expr.Unary u && u.op() == Op.NEG) {
                split(u.arg(), -sign, summands);
            } else {
                summands.add(new Summand(expr, sign));
            }
        }
    }

    /** k where the expression is x^k (x itself: 1), else 0. */
    static int power(Expr expr) {
        if (expr instanceof Expr.Var) {
            return 1;
        }
        return expr instanceof Expr.Unary u && u.op() == Op.POW && u.arg() instanceof Expr.Var ? u.exponent() : 0;
    }

    private static int constants(Expr expr) {
        if (expr instanceof Expr.Unary u) {
            return constants(u.arg());
        }
        if (expr instanceof Expr.Binary b) {
            return constants(b.left()) + constants(b.right());
        }
        return expr instanceof Expr.Const ? 1 : 0;
    }

    private int interceptCount() {
        return intercept != 0.0 ? 1 : 0;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite: " + value);
        }
    }
}
