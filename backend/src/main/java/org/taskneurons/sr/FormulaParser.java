package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads formulas and expressions, by recursive descent over a list of tokens.
 *
 * <pre>
 * formula  := item (sign item)*                     sign: '+', '-' or '−'
 * item     := sign? number ('·' | '*')? sigma power     coefficient·Σg
 *           | sign? number '@' power                   the paper's coefficient@g
 *           | sign? sigma power                        Σg
 *           | sign? number                             a constant, added to the intercept
 * sigma    := 'Σ' | '∑' | 'sum'
 * expr     := product (sign product)*
 * product  := unary (('*' | '·' | '/') unary)*
 * unary    := '-' number | '-' unary | power          "-3" is the constant −3 unless a power follows
 * power    := atom (('^' | '**') exponent)?            exponent: an integer in [2, MAX_POWER]
 * atom     := number | 'x' | function '(' expr ')' | '(' expr ')'
 * </pre>
 *
 * Σ applies to the power that follows it, so {@code Σx^2} is the sum of squares. Whitespace
 * may stand anywhere between tokens; function names and {@code sum} ignore case.
 */
final class FormulaParser {
    private enum Kind { NUMBER, NAME, PLUS, MINUS, TIMES, DIVIDE, POWER, LEFT, RIGHT, SIGMA, AT, END }

    private record Token(Kind kind, String text, int column) {
        String description() {
            return kind == Kind.END ? "end of input" : "'" + text + "'";
        }
    }

    private static final String KNOWN_FUNCTIONS = Arrays.stream(Op.values())
            .filter(FormulaParser::isFunction)
            .map(Op::symbol)
            .collect(Collectors.joining(", "));

    private final String text;
    private final List<Token> tokens;
    private int next;

    private FormulaParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    static Formula formula(String text) {
        return new FormulaParser(text).formula();
    }

    static Expr expr(String text) {
        FormulaParser parser = new FormulaParser(text);
        Expr expr = parser.sum();
        parser.expectEnd();
        return expr;
    }

    private Formula formula() {
        double intercept = 0.0;
        List<Term> terms = new ArrayList<>();
        do {
            double sign = 1.0;
            if (next > 0) {
                expectSign();
                sign = sign(take());
            }
            if (isSign(peek())) {
                sign *= sign(take());
            }
            Token start = peek();
            if (start.kind() == Kind.NUMBER) {
                double value = sign * number(take());
                if (isSigma(peek()) || peek().kind() == Kind.AT || peek().kind() == Kind.TIMES) {
                    addTerm(terms, sigmaOperand(), value, start);
                } else {
                    intercept += value;
                }
            } else if (isSigma(start)) {
                take();
                addTerm(terms, power(), sign, start);
            } else {
                throw error(start, isX(start) ? "x outside a Σ term" : "expected a number or a Σ term but found " + start.description());
            }
        } while (peek().kind() != Kind.END);
        return Formula.of(intercept, terms);
    }

    /** What follows a coefficient: '@' g, Σ g or '·' Σ g. */
    private Expr sigmaOperand() {
        if (take().kind() == Kind.TIMES) {
            Token sigma = take();
            if (!isSigma(sigma)) {
                throw error(sigma, isX(sigma) ? "x outside a Σ term" : "expected 'Σ' or 'sum' but found " + sigma.description());
            }
        }
        return power();
    }

    private void addTerm(List<Term> terms, Expr expr, double coef, Token start) {
        if (coef == 0.0) {
            return;
        }
        try {
            terms.add(new Term(expr, coef));
        } catch (IllegalArgumentException invalid) {
            throw error(start, invalid.getMessage());
        }
    }

    private void expectSign() {
        if (!isSign(peek())) {
            throw error(peek(), "expected '+', '-' or end of input but found " + peek().description());
        }
    }

    private Expr sum() {
        Expr expr = product();
        while (isSign(peek())) {
            Op op = take().kind() == Kind.PLUS ? Op.ADD : Op.SUB;
            expr = Expr.binary(op, expr, product());
        }
        return expr;
    }

    private Expr product() {
        Expr expr = unary();
        while (peek().kind() == Kind.TIMES || peek().kind() == Kind.DIVIDE) {
            Op op = take().kind() == Kind.TIMES ? Op.MUL : Op.DIV;
            expr = Expr.binary(op, expr, unary());
        }
        return expr;
    }

    private Expr unary() {
        if (peek().kind() != Kind.MINUS) {
            return power();
        }
        take();
        if (peek().kind() == Kind.NUMBER && tokens.get(next + 1).kind() != Kind.POWER) {
            return Expr.constant(-number(take()));
        }
        return Expr.unary(Op.NEG, unary());
    }

    private Expr power() {
        Expr base = atom();
        if (peek().kind() != Kind.POWER) {
            return base;
        }
        take();
        Token exponent = take();
        if (exponent.kind() != Kind.NUMBER || !exponent.text().chars().allMatch(c -> isDigit((char) c))) {
            throw error(exponent, "expected an integer exponent but found " + exponent.description());
        }
        // A text this long would overflow an int, and no such number is in range anyway.
        int k = exponent.text().length() > 9 ? -1 : Integer.parseInt(exponent.text());
        if (k < 2 || k > Op.MAX_POWER) {
            throw error(exponent, "exponent out of range [2, " + Op.MAX_POWER + "]: " + exponent.text());
        }
        return Expr.power(base, k);
    }

    private Expr atom() {
        Token token = take();
        if (token.kind() == Kind.NUMBER) {
            return Expr.constant(number(token));
        }
        if (token.kind() == Kind.LEFT) {
            Expr inner = sum();
            expect(Kind.RIGHT, "')'");
            return inner;
        }
        if (isX(token)) {
            return Expr.x();
        }
        if (token.kind() != Kind.NAME) {
            throw error(token, "expected a number, x, a function or '(' but found " + token.description());
        }
        Op function = Op.bySymbol(token.text()).filter(FormulaParser::isFunction)
                .orElseThrow(() -> error(token, "unknown function '" + token.text() + "', known functions: " + KNOWN_FUNCTIONS));
        expect(Kind.LEFT, "'(' after '" + token.text() + "'");
        Expr arg = sum();
        expect(Kind.RIGHT, "')'");
        return Expr.unary(function, arg);
    }

    private void expect(Kind kind, String what) {
        if (peek().kind() != kind) {
            throw error(peek(), "expected " + what + " but found " + peek().description());
        }
        take();
    }

    private void expectEnd() {
        if (peek().kind() != Kind.END) {
            throw error(peek(), "expected an operator or end of input but found " + peek().description());
        }
    }

    private double number(Token token) {
        double value = Double.parseDouble(token.text());
        if (!Double.isFinite(value)) {
            throw error(token, "number out of range: " + token.text());
        }
        return value;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private FormulaSyntaxException error(Token token, String problem) {
        return new FormulaSyntaxException(text, token.column(), problem);
    }

    private static boolean isFunction(Op op) {
        return op.arity() == 1 && op != Op.NEG && op != Op.POW;
    }

    private static boolean isX(Token token) {
        return token.kind() == Kind.NAME && token.text().equals("x");
    }

    private static boolean isSigma(Token token) {
        return token.kind() == Kind.SIGMA || token.kind() == Kind.NAME && token.text().equalsIgnoreCase("sum");
    }

    private static boolean isSign(Token token) {
        return token.kind() == Kind.PLUS || token.kind() == Kind.MINUS;
    }

    private static double sign(Token token) {
        return token.kind() == Kind.MINUS ? -1.0 : 1.0;
    }

    private static List<Token> tokenize(String source) {
        List<Token> list = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            Kind kind;
            if (isDigit(c) || c == '.' && i + 1 < source.length() && isDigit(source.charAt(i + 1))) {
                i = endOfNumber(source, i);
                kind = Kind.NUMBER;
            } else if (isAsciiLetter(c)) {
                while (i < source.length() && (isAsciiLetter(source.charAt(i)) || isDigit(source.charAt(i)))) {
                    i++;
                }
                kind = Kind.NAME;
            } else if (c == '*' && source.startsWith("**", i)) {
                i += 2;
                kind = Kind.POWER;
            } else {
                kind = symbol(c).orElseThrow(() -> new FormulaSyntaxException(source, start + 1, "unexpected character '" + c + "'"));
                i++;
            }
            list.add(new Token(kind, source.substring(start, i), start + 1));
        }
        list.add(new Token(Kind.END, "", source.length() + 1));
        return list;
    }

    /** ASCII only: Double.parseDouble reads no other digits. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Names are ASCII, so that Σ, a Greek letter, stays a symbol. */
    private static boolean isAsciiLetter(char c) {
        return c < 128 && Character.isLetter(c);
    }

    private static Optional<Kind> symbol(char c) {
        return Optional.ofNullable(switch (c) {
            case '+' -> Kind.PLUS;
            case '-', FormulaPrinter.MINUS -> Kind.MINUS;
            case '*', FormulaPrinter.MIDDLE_DOT -> Kind.TIMES;
            case '/' -> Kind.DIVIDE;
            case '^' -> Kind.POWER;
            case '(' -> Kind.LEFT;
            case ')' -> Kind.RIGHT;
            case FormulaPrinter.SIGMA, '\u2211' -> Kind.SIGMA;
            case '@' -> Kind.AT;
            default -> null;
        });
    }

    /** Digits with an optional fraction and an optional exponent such as {@code E-7}. */
    private static int endOfNumber(String source, int from) {
        int i = skipDigits(source, from);
        if (i < source.length() && source.charAt(i) == '.') {
            i = skipDigits(source, i + 1);
        }
        if (i < source.length() && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < source.length() && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < source.length() && isDigit(source.charAt(exponent))) {
                i = skipDigits(source, exponent);
            }
        }
        return i;
    }

    private static int skipDigits(String source, int from) {
        int i = from;
        while (i < source.length() && isDigit(source.charAt(i))) {
            i++;
        }
        return i;
    }
}
