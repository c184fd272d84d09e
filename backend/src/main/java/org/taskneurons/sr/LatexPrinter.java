package org.taskneurons.sr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * LaTeX for display: {@code 6\sum_{j} x_j^{2} + 2\sum_{j} \cos(0.5x_j) - 3}. Numbers keep 4
 * significant digits, in scientific form ({@code 1.5\times10^{-7}}) outside [0.001, 10000);
 * a constant factor is written before its operand, other products with {@code \cdot},
 * divisions as {@code \frac}, square roots as {@code \sqrt{…}}, absolute values as {@code |…|}.
 */
final class LatexPrinter {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY_MINUS = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;
    private static final MathContext DISPLAY = new MathContext(4);

    private LatexPrinter() {
    }

    static String formula(Formula formula) {
        StringBuilder latex = new StringBuilder();
        for (Term term : formula.terms()) {
            double magnitude = Math.abs(term.coef());
            latex.append(sign(term.coef(), latex.length() == 0))
                    .append(magnitude == 1.0 ? "" : number(magnitude))
                    .append("\\sum_{j} ")
                    .append(parenthesized(expr(term.expr()), precedence(term.expr()) < POWER));
        }
        double intercept = formula.intercept();
        if (intercept != 0.0 || latex.length() == 0) {
            latex.append(sign(intercept, latex.length() == 0)).append(number(Math.abs(intercept)));
        }
        return latex.toString();
    }

    /** 4 significant digits, plain in [0.001, 10000) and as m\times10^{e} outside. */
    static String number(double value) {
        if (value < 0) {
            return "-" + number(-value);
        }
        if (value == 0.0) {
            return "0";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).round(DISPLAY).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -3 && exponent < 4) {
            return rounded.toPlainString();
        }
        return rounded.movePointLeft(exponent).toPlainString() + "\\times10^{" + exponent + "}";
    }

    private static String sign(double value, boolean leading) {
        if (leading) {
            return value < 0 ? "-" : "";
        }
        return value < 0 ? " - " : " + ";
    }

    private static String expr(Expr expr) {
        if (expr instanceof Expr.Var) {
            return "x_j";
        }
        if (expr instanceof Expr.Const c) {
            return number(c.value());
        }
        if (expr instanceof Expr.Unary u) {
            return unary(u);
        }
        Expr.Binary b = (Expr.Binary) expr;
        if (b.op() == Op.DIV) {
            return "\\frac{" + expr(b.left()) + "}{" + expr(b.right()) + "}";
        }
        int precedence = precedence(b);
        String left = parenthesized(expr(b.left()), precedence(b.left()) < precedence);
        String rightText = expr(b.right());
        String right = parenthesized(rightText, precedence(b.right()) <= precedence || rightText.startsWith("-"));
        return switch (b.op()) {
            case ADD -> left + " + " + right;
            case SUB -> left + " - " + right;
            default -> b.left() instanceof Expr.Const && !Character.isDigit(right.charAt(0))
                    ? left + right
                    : left + " \\cdot " + right;
        };
    }

    private static String unary(Expr.Unary u) {
        String arg = expr(u.arg());
        return switch (u.op()) {
            case NEG -> "-" + parenthesized(arg, precedence(u.arg()) < UNARY_MINUS || arg.startsWith("-"));
            case POW -> parenthesized(arg, precedence(u.arg()) < ATOM) + "^{" + u.exponent() + "}";
            case SQRT -> "\\sqrt{" + arg + "}";
            case ABS -> "|" + arg + "|";
            default -> "\\" + u.op().symbol() + "(" + arg + ")";
        };
    }

    private static int precedence(Expr expr) {
        if (expr instanceof Expr.Const c) {
            return c.value() < 0 ? UNARY_MINUS : ATOM;
        }
        if (expr instanceof Expr.Unary u) {
            return u.op() == Op.NEG ? UNARY_MINUS : u.op() == Op.POW ? POWER : ATOM;
        }
        if (expr instanceof Expr.Binary b) {
            return switch (b.op()) {
                case ADD, SUB -> SUM;
                case MUL -> PRODUCT;
                default -> ATOM;
            };
        }
        return ATOM;
    }

    private static String parenthesized(String latex, boolean needed) {
        return needed ? "\\left(" + latex + "\\right)" : latex;
    }
}
