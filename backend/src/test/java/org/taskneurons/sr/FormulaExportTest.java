package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaExportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            6·Σx^2 + 2·Σx − 3                     => 6\\sum_{j} x_j^{2} + 2\\sum_{j} x_j - 3
            −Σx^3 + 0.5                           => -\\sum_{j} x_j^{3} + 0.5
            1.5E-7·Σx + 7·Σcos(0.5·x)             => 1.5\\times10^{-7}\\sum_{j} x_j + 7\\sum_{j} \\cos(0.5x_j)
            Σabs(x) − Σsqrt(x)                    => \\sum_{j} |x_j| - \\sum_{j} \\sqrt{x_j}
            Σ(x/(x + 1)) − 2.34567                => \\sum_{j} \\frac{x_j}{x_j + 1} - 2.346
            Σexp(-0.5·x) + 12345.678              => \\sum_{j} \\exp(-0.5x_j) + 1.235\\times10^{4}
            2·Σ(cos(x) + 1) − 0.000123456         => 2\\sum_{j} \\left(\\cos(x_j) + 1\\right) - 1.235\\times10^{-4}
            Σ(tanh(x)^2) + Σlog(x) + Σsin(x)      => \\sum_{j} \\log(x_j) + \\sum_{j} \\sin(x_j) + \\sum_{j} \\tanh(x_j)^{2}
            Σ(x·cos(x)) + 0.001                   => \\sum_{j} \\left(x_j \\cdot \\cos(x_j)\\right) + 0.001
            Σ((x^2 + 1)^3·sin(x))                 => \\sum_{j} \\left(\\left(x_j^{6} + 3x_j^{4} + 3x_j^{2} + 1\\right) \\cdot \\sin(x_j)\\right)
            Σ((cos(x) + 1)^2)                     => \\sum_{j} \\left(\\cos(x_j) + 1\\right)^{2}
            0                                     => 0
            −9999.4                               => -9999
            """)
    void writesLatexForDisplay(String formula, String latex) {
        assertThat(Formula.parse(formula).toLatex()).isEqualTo(latex);
    }

    @Test
    void writesJsonWithExactDoublesAndTypableExpressions() {
        assertThat(Formula.polynomial(-3, new double[] {0, 2, 6}).toJson()).isEqualTo(
                "{\"formula\":\"6·Σx^2 + 2·Σx − 3\",\"intercept\":-3.0,"
                        + "\"terms\":[{\"expr\":\"x^2\",\"coef\":6.0},{\"expr\":\"x\",\"coef\":2.0}]}");
        Formula formula = Formula.parse("0.1·Σcos(0.5·x) − Σ(x/(x + 1))");
        assertThat(formula.toJson()).isEqualTo(
                "{\"formula\":\"0.1·Σcos(0.5·x) − Σ(x/(x + 1))\",\"intercept\":0.0,"
                        + "\"terms\":[{\"expr\":\"cos(0.5*x)\",\"coef\":0.1},{\"expr\":\"x/(x + 1)\",\"coef\":-1.0}]}");
        assertThat(formula.terms()).extracting(term -> Formula.parseExpr(Formula.exprText(term.expr())))
                .containsExactlyElementsOf(formula.terms().stream().map(Term::expr).toList());
        assertThat(Formula.of(1e-300, List.of()).toJson()).isEqualTo("{\"formula\":\"1.0E-300\",\"intercept\":1.0E-300,\"terms\":[]}");
    }
}
