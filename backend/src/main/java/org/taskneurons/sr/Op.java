package org.taskneurons.sr;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The closed set of primitives of a univariate formula g(x).
 *
 * <p>Every operator is total on finite inputs: division, logarithm and square root are
 * protected so that a candidate formula never produces NaN from finite numbers. Overflow to
 * infinity is still possible (a product of large numbers); evaluation treats that as an
 * invalid candidate rather than an error.
 */
public enum Op {
    /** The variable x. */
    VAR("x", 0, true),
    /** A constant; its value lives beside the opcode. */
    CONST("c", 0, true),
    ADD("+", 2, true),
    SUB("-", 2, true),
    MUL("*", 2, true),
    /** Protected division: a / b, and 1 where |b| is below {@link #PROTECTION_EPSILON}. */
    DIV("/", 2, false),
    NEG("neg", 1, true),
    /** Integer power x^k with a small exponent k in [2, {@link #MAX_POWER}]; k lives beside the opcode. */
    POW("^", 1, true),
    /** exp(a) with the argument clamped at {@link #EXP_CLAMP} so that it never overflows. */
    EXP("exp", 1, false),
    /** Protected logarithm: ln|a|, and 0 where |a| is below {@link #PROTECTION_EPSILON}. */
    LOG("log", 1, false),
    /** Protected square root: sqrt(|a|). */
    SQRT("sqrt", 1, false),
    SIN("sin", 1, false),
    COS("cos", 1, false),
    TANH("tanh", 1, false),
    ABS("abs", 1, false);

    /** Smallest magnitude a divisor or logarithm argument may have before protection applies. */
    public static final double PROTECTION_EPSILON = 1e-12;
    /** Largest argument passed on to {@link Math#exp}; exp(700) ~ 1e304 is still finite. */
    public static final double EXP_CLAMP = 700.0;
    /** Largest exponent of {@link #POW}. */
    public static final int MAX_POWER = 16;

    private final String symbol;
    private final int arity;
    private final boolean polynomial;

    Op(String symbol, int arity, boolean polynomial) {
        this.symbol = symbol;
        this.arity = arity;
        this.polynomial = polynomial;
    }

    /** The name used in the formula grammar and on the command line ({@code +}, {@code cos}, ...). */
    public String symbol() {
        return symbol;
    }

    /** Number of operands: 0 for terminals, 1 or 2 for functions. */
    public int arity() {
        return arity;
    }

    public boolean isTerminal() {
        return arity == 0;
    }

    /** Whether a tree built only from such primitives is a polynomial in x. */
    public boolean isPolynomial() {
        return polynomial;
    }

    /** Applies a unary operator; {@code exponent} is only read by {@link #POW}. */
    public double apply(double a, int exponent) {
        return switch (this) {
            case NEG -> -a;
            case POW -> power(a, exponent);
            case EXP -> Math.exp(Math.min(a, EXP_CLAMP));
            case LOG -> Math.abs(a) < PROTECTION_EPSILON ? 0.0 : Math.log(Math.abs(a));
            case SQRT -> Math.sqrt(Math.abs(a));
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TANH -> Math.tanh(a);
            case ABS -> Math.abs(a);
            default -> throw new IllegalStateException("not a unary operator: " + this);
        };
    }

    /** Applies a binary operator. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> Math.abs(b) < PROTECTION_EPSILON ? 1.0 : a / b;
            default -> throw new IllegalStateException("not a binary operator: " + this);
        };
    }

    /** a^k by repeated multiplication, exact for the small exponents used here. */
    public static double power(double a, int k) {
        double result = 1.0;
        for (int i = 0; i < k; i++) {
            result *= a;
        }
        return result;
    }

    /**
     * The functions named, by symbol or enum name.
     *
     * @throws IllegalArgumentException naming the first unknown name and listing the known ones
     */
    public static Set<Op> functions(Collection<String> names) {
        Set<Op> result = EnumSet.noneOf(Op.class);
        for (String name : names) {
            result.add(bySymbol(name).filter(op -> !op.isTerminal()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown operator '" + name + "' (known: + - * / neg ^ exp log sqrt sin cos tanh abs)")));
        }
        return result;
    }

    /** Looks an operator up by its symbol or enum name, case-insensitively. */
    public static Optional<Op> bySymbol(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(op -> op.symbol.equals(key) || op.name().toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }
}
