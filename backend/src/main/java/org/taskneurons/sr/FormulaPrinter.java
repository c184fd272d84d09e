package org.taskneurons.sr;

/**
 * The text forms of formulas and expressions, which {@link FormulaParser} reads back exactly.
 *
 * <p>Numbers: an integral value below 10^15 in magnitude without a fraction ({@code 6},
 * {@code -3}), anything else as {@link Double#toString} writes it ({@code 0.1},
 * {@code 1.5E-7}), which parses back to the same double. Expressions: {@code + -} with spaces,
 * {@code * /} and {@code ^} without, unary minus binding tighter than a product but looser
 * than a power ({@code -x^2} is −(x²)), the fewest parentheses that keep the tree, so that
 * reading the text back gives the same tree node for node.
 */
final class FormulaPrinter {
    static final char MIDDLE_DOT = '\u00B7';
    static final char SIGMA = '\u03A3';
    static final char MINUS = '\u2212';

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY_MINUS = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;
    private static final double LARGEST_PLAIN_INTEGER = 1e15;

    private FormulaPrinter() {
    }

    /** The expression with {@code *} for products, typable and accepted by {@link Formula#parseExpr}. */
    static String ascii(Expr expr) {
        return expr(expr, "*");
    }

    /** The expression as it appears inside a formula's text, with {@code ·} for products. */
    static String unicode(Expr expr) {
        return expr(expr, String.valueOf(MIDDLE_DOT));
    }

    /** The shortest exact text of a number that the parser reads back to the same double. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            String digits = Long.toString(Math.abs((long) value));
            return Math.copySign(1.0, value) < 0 ? "-" + digits : digits;
        }
        return Double.toString(value);
    }

    /** {@code 6·Σx^2 + 2·Σx − 3}; {@code 0} for the zero formula. */
    static String formula(Formula formula) {
        StringBuilder text = new StringBuilder();
        for (Term term : formula.terms()) {
            text.append(text.length() == 0 ? term(term, true) : separator(term.coef()) + term(term, false));
        }
        double intercept = formula.intercept();
        if (intercept != 0.0 || text.length() == 0) {
            String magnitude = number(Math.abs(intercept));
            text.append(text.length() == 0 ? leadingSign(intercept) + magnitude : separator(intercept) + magnitude);
        }
        return text.toString();
    }

    /**
     * One term: the coefficient's magnitude unless it is 1, a middle dot, Σ and the
     * expression, bare where it is x, a power of x or a function call and parenthesized
     * otherwise. A leading term carries its sign; a later one leaves it to the separator.
     */
    static String term(Term term, boolean leading) {
        double magnitude = Math.abs(term.coef());
        String coefficient = magnitude == 1.0 ? "" : number(magnitude) + MIDDLE_DOT;
        String sign = leading ? leadingSign(term.coef()) : "";
        return sign + coefficient + SIGMA + sigmaOperand(term.expr());
    }

    /** {@code {"formula":"…","intercept":-3.0,"terms":[{"expr":"x^2","coef":6.0}]}} with exact doubles. */
    static String json(Formula formula) {
        StringBuilder json = new StringBuilder("{\"formula\":").append(quoted(formula(formula)))
                .append(",\"intercept\":").append(formula.intercept())
                .append(",\"terms\":[");
        for (int t = 0; t < formula.terms().size(); t++) {
            Term term = formula.terms().get(t);
            json.append(t == 0 ? "" : ",")
                    .append("{\"expr\":").append(quoted(ascii(term.expr())))
                    .append(",\"coef\":").append(term.coef()).append('}');
        }
        return json.append("]}").toString();
    }

    private static String sigmaOperand(Expr expr) {
        boolean bare = expr instanceof Expr.Var
                || expr instanceof Expr.Unary u && (u.op() == Op.POW ? u.arg() instanceof Expr.Var : u.op() != Op.NEG);
        return bare ? unicode(expr) : "(" + unicode(expr) + ")";
    }

    private static String separator(double value) {
        return value < 0 ? " " + MINUS + " " : " + ";
    }

    private static String leadingSign(double value) {
        return value < 0 ? String.valueOf(MINUS) : "";
    }

    private static String expr(Expr expr, String times) {
        if (expr instanceof Expr.Var) {
            return "x";
        }
        if (expr instanceof Expr.Const c) {
            return number(c.value());
        }
        if (expr instanceof Expr.Unary u) {
            return unary(u, times);
        }
        Expr.Binary b = (Expr.Binary) expr;
        String symbol = switch (b.op()) {
            case ADD -> " + ";
            case SUB -> " - ";
            case MUL -> times;
            default -> "/";
        };
        int precedence = precedence(b);
        String left = expr(b.left(), times);
        String right = expr(b.right(), times);
        // Operators associate to the left: an equal precedence on the right needs parentheses.
        return parenthesized(left, precedence(b.left()) < precedence) + symbol
                + parenthesized(right, precedence(b.right()) <= precedence || right.startsWith("-"));
    }

    private static String unary(Expr.Unary u, String times) {
        String arg = expr(u.arg(), times);
        return switch (u.op()) {
            // "-3" would read back as the constant −3, "--x" is hard to read.
            case NEG -> "-" + parenthesized(arg, precedence(u.arg()) < UNARY_MINUS
                    || u.arg() instanceof Expr.Const || arg.startsWith("-"));
            case POW -> parenthesized(arg, precedence(u.arg()) < ATOM) + "^" + u.exponent();
            default -> u.op().symbol() + "(" + arg + ")";
        };
    }

    private static int precedence(Expr expr) {
        if (expr instanceof Expr.Const c) {
            return Math.copySign(1.0, c.value()) < 0 ? UNARY_MINUS : ATOM;
        }
        if (expr instanceof Expr.Unary u) {
            return u.op() == Op.NEG ? UNARY_MINUS : u.op() == Op.POW ? POWER : ATOM;
        }
        if (expr instanceof Expr.Binary b) {
            return b.op() == Op.ADD || b.op() == Op.SUB ? SUM : PRODUCT;
        }
        return ATOM;
    }

    private static String parenthesized(String text, boolean needed) {
        return needed ? "(" + text + ")" : text;
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }
}
