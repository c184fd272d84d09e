package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaTextTest {
    private static final Expr X = Expr.x();
    private static final Formula PAPER_EXAMPLE = Formula.polynomial(-3, new double[] {0, 2, 6});

    static Stream<Arguments> printed() {
        Expr cosHalfX = Expr.unary(Op.COS, Expr.binary(Op.MUL, Expr.constant(0.5), X));
        return Stream.of(
                Arguments.of(PAPER_EXAMPLE, "6·Σx^2 + 2·Σx − 3"),
                Arguments.of(Formula.polynomial(0, new double[] {0, 0, -1}), "−Σx^2"),
                Arguments.of(Formula.polynomial(2.5, new double[] {0, 1, -1}), "−Σx^2 + Σx + 2.5"),
                Arguments.of(Formula.polynomial(-1e15, new double[] {0, 1.5e-7}), "1.5E-7·Σx − 1.0E15"),
                Arguments.of(Formula.polynomial(999_999_999_999_999.0, new double[] {0, -0.1}), "−0.1·Σx + 999999999999999"),
                Arguments.of(Formula.of(0, List.of()), "0"),
                Arguments.of(Formula.of(-3, List.of()), "−3"),
                Arguments.of(Formula.of(0, List.of(new Term(cosHalfX, 7))), "7·Σcos(0.5·x)"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("exp(-0.5*x)"), 1))), "Σexp(-0.5·x)"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("cos(x)^2"), 1))), "Σ(cos(x)^2)"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("x*cos(x)"), -1))), "−Σ(x·cos(x))"),
                Arguments.of(Formula.of(1, List.of(new Term(Formula.parseExpr("cos(x) + 1"), 2))), "2·Σ(cos(x) + 1) + 1"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("x/(x + 1)"), 1))), "Σ(x/(x + 1))"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("-x^2*sin(x)"), 1))), "−Σ(x^2·sin(x))"),
                Arguments.of(Formula.of(0, List.of(new Term(Formula.parseExpr("exp(-(x - 1)^2)"), 1))), "Σexp(-x^2 + 2·x - 1)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("printed")
    void printsTheTextForm(Formula formula, String text) {
        assertThat(formula).hasToString(text);
        assertThat(Formula.parse(text)).isEqualTo(formula);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "6@x**2 + 2@x - 3",
        "6·Σx^2 + 2·Σx − 3",
        "6*sum(x^2) + 2*sum(x) - 3",
        "6*SUM(x**2)+2*sum(x)-3",
        "6*Σx^2+2*Σx-3",
        "  6 * sum( x ^ 2 )\t+ 2 * sum ( x ) -\n3 ",
        "-3 + 2@x + 6@x^2",
        "6Σx^2 + 2∑x - 3",
        "6e0@x**2 + 0.2E1@x - 30e-1",
        "6 @ x**2 + 2 @ x + -3",
        "sum(6*x^2) + sum(2*x) - 3",
        "Σ(6·x^2 + 2·x) − 1 − 2",
        "3@x**2 + 3·Σx^2 + 2@x - 3 + 0@cos(x)",
    })
    void readsEveryNotationOfThePaperExample(String text) {
        assertThat(Formula.parse(text)).isEqualTo(PAPER_EXAMPLE);
    }

    @Test
    void readsASumWithoutCoefficient() {
        assertThat(Formula.parse("sum(x^2)")).isEqualTo(Formula.polynomial(0, new double[] {0, 0, 1}));
        assertThat(Formula.parse("−Σx")).isEqualTo(Formula.polynomial(0, new double[] {0, -1}));
        assertThat(Formula.parse("1.5E-7@x")).isEqualTo(Formula.polynomial(0, new double[] {0, 1.5e-7}));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "6·Σx^2 + 2·Σx − 3",
        "0.1·Σx^9 − 1.0E-300·Σx + 1.2345678901234567E8",
        "4.9E-324·Σabs(x) − 1.7976931348623157E308",
        "Σx + Σ(2·x^2 + 4·x + 2) − 2·Σ(x^2 + 1) + 1",
        "Σ((x^9)^9) + 3·Σexp(-0.5·x) − Σlog(x + 1) + Σsin(x^2) + Σsqrt(x) + Σtanh(x)",
        "Σ((cos(x) + 1)^2·x) − Σ(x/(x - 1))",
        "Σcos(-2·x + 1) + Σ(cos(x)/(x - 3))",
        "Σ(x·(-2·x + cos(x))) − Σ(x^2·sin(x))",
        "Σ(exp(x)^3)",
    })
    void readsBackItsOwnTextExactly(String text) {
        Formula formula = Formula.parse(text);
        assertThat(formula).hasToString(text);
        assertThat(Formula.parse(formula.toString())).isEqualTo(formula);
    }

    @Test
    void randomFormulasSurviveTheRoundTripExactly() {
        SplittableRandom random = new SplittableRandom(240502369L);
        for (int n = 0; n < 1000; n++) {
            Formula formula = FormulaTrees.formula(random);
            assertThat(Formula.parse(formula.toString())).as("%s", formula).isEqualTo(formula);
        }
    }

    @Test
    void randomExpressionsSurviveTheRoundTripNodeForNode() {
        SplittableRandom random = new SplittableRandom(17);
        for (int n = 0; n < 2000; n++) {
            Expr tree = FormulaTrees.tree(random, 5, FormulaTrees.ALL_FUNCTIONS, Op.MAX_POWER, FormulaTrees::wildConstant);
            assertThat(Formula.parseExpr(Formula.exprText(tree))).as("%s", Formula.exprText(tree)).isEqualTo(tree);
        }
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -3*x         | -3*x
            -x^2         | -x^2
            -3^2         | -3^2
            (-3)^2       | (-3)^2
            -(3)         | -(3)
            x - -3       | x - (-3)
            2*x/3*x      | 2*x/3*x
            2*(x/3)      | 2*(x/3)
            x - (x - 1)  | x - (x - 1)
            (x - x) - 1  | x - x - 1
            ((x))        | x
            x**2         | x^2
            COS(x)       | cos(x)
            """)
    void expressionsReadAsConventionHasIt(String text, String canonical) {
        assertThat(Formula.exprText(Formula.parseExpr(text))).isEqualTo(canonical);
    }

    @Test
    void unaryMinusBindsLooserThanAPowerAndTighterThanAProduct() {
        assertThat(Formula.parseExpr("-x^2").evaluate(3)).isEqualTo(-9);
        assertThat(Formula.parseExpr("-3^2").evaluate(0)).isEqualTo(-9);
        assertThat(Formula.parseExpr("(-3)^2").evaluate(0)).isEqualTo(9);
        assertThat(Formula.parseExpr("-3*x").evaluate(2)).isEqualTo(-6);
        assertThat(Formula.parseExpr("8/2/2").evaluate(0)).isEqualTo(2);
        assertThat(Formula.parseExpr("8-2-2").evaluate(0)).isEqualTo(4);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Σcos(x         | column 7: expected ')' but found end of input in "Σcos(x"
            cos(x)         | column 1: expected a number or a Σ term but found 'cos'
            x + 1          | column 1: x outside a Σ term in "x + 1"
            3·x            | column 3: x outside a Σ term
            2 + 3*x        | column 7: x outside a Σ term
            Σfoo(x)        | column 2: unknown function 'foo', known functions: exp, log, sqrt, sin, cos, tanh, abs
            Σneg(x)        | column 2: unknown function 'neg'
            Σx^99          | column 4: exponent out of range [2, MAX]: 99
            Σx^1           | column 4: exponent out of range [2, MAX]: 1
            Σx^99999999999 | column 4: exponent out of range [2, MAX]: 99999999999
            Σx^2.5         | column 4: expected an integer exponent but found '2.5'
            Σx^-2          | column 4: expected an integer exponent but found '-'
            Σx^2^3         | column 5: expected '+', '-' or end of input but found '^'
            6@x**2 +       | column 9: expected a number or a Σ term but found end of input
            ``             | column 1: expected a number or a Σ term but found end of input
            Σx Σx          | column 4: expected '+', '-' or end of input but found 'Σ'
            2·3            | column 3: expected 'Σ' or 'sum' but found '3'
            Σ3             | column 1: term expression has no x, its sum depends on the number of inputs: 3
            Σx # 2         | column 4: unexpected character '#'
            1e400 + Σx     | column 1: number out of range: 1e400
            Σ()            | column 3: expected a number, x, a function or '(' but found ')'
            Σcos x         | column 6: expected '(' after 'cos' but found 'x'
            Σ(x + 1))      | column 9: expected '+', '-' or end of input but found ')'
            @x             | column 1: expected a number or a Σ term but found '@'
            """)
    void formulaSyntaxErrorsNameTheColumn(String text, String message) {
        assertThatThrownBy(() -> Formula.parse(text))
                .isInstanceOf(FormulaSyntaxException.class)
                .hasMessageContaining(message.replace("MAX", String.valueOf(Op.MAX_POWER)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            cos(x   | column 6: expected ')' but found end of input in "cos(x"
            x +     | column 4: expected a number, x, a function or '(' but found end of input in "x +"
            2x      | column 2: expected an operator or end of input but found 'x'
            sum(x)  | column 1: unknown function 'sum'
            Σx      | column 1: expected a number, x, a function or '(' but found 'Σ'
            x^99    | column 3: exponent out of range [2, MAX]: 99
            (x      | column 3: expected ')' but found end of input
            X       | column 1: unknown function 'X'
            """)
    void expressionSyntaxErrorsNameTheColumn(String text, String message) {
        assertThatThrownBy(() -> Formula.parseExpr(text))
                .isInstanceOf(FormulaSyntaxException.class)
                .hasMessageContaining(message.replace("MAX", String.valueOf(Op.MAX_POWER)));
    }

    @Test
    void syntaxErrorsCarryTheirColumn() {
        assertThatThrownBy(() -> Formula.parse("Σcos(x"))
                .isInstanceOfSatisfying(FormulaSyntaxException.class, e -> assertThat(e.column()).isEqualTo(7));
    }
}
