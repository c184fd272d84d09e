package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimplifierTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x + 0                  | x
            0 + cos(x)             | cos(x)
            cos(x)*1               | cos(x)
            1*cos(x)               | cos(x)
            cos(x) - 0             | cos(x)
            0 - cos(x)             | -cos(x)
            cos(x)/1               | cos(x)
            cos(x)/(-1)            | -cos(x)
            0*cos(x)               | 0
            exp(x)*0               | 0
            cos(x) - cos(x)        | 0
            cos(x) + cos(x)        | 2*cos(x)
            -(-cos(x))             | cos(x)
            -(3)                   | -3
            -(2*cos(x))            | -2*cos(x)
            cos(x)*2               | 2*cos(x)
            2*(3*cos(x))           | 6*cos(x)
            2*(-cos(x))            | -2*cos(x)
            1 + cos(x)             | cos(x) + 1
            cos(x) + -2            | cos(x) - 2
            cos(x) - (-2)          | cos(x) + 2
            sin(x) + -cos(x)       | sin(x) - cos(x)
            -sin(x) + cos(x)       | cos(x) - sin(x)
            sin(x) - -cos(x)       | sin(x) + cos(x)
            -x^2*sin(x)            | -(x^2*sin(x))
            sin(x)*(-cos(x))       | -(sin(x)*cos(x))
            -sin(x)/cos(x)         | -sin(x)/cos(x)
            sin(x)/(-cos(x))       | sin(x)/(-cos(x))
            -sin(x)*(-cos(x))      | sin(x)*cos(x)
            x*x                    | x^2
            x^2*x^3                | x^5
            cos(x)*cos(x)          | cos(x)^2
            cos(x)^2*cos(x)^3      | cos(x)^5
            cos(x)^2*cos(x)        | cos(x)^3
            (cos(x)^2)^3           | cos(x)^6
            (cos(x)^9)^9           | (cos(x)^9)^9
            (x^9)^9                | (x^9)^9
            (x + 1)^2              | x^2 + 2*x + 1
            (x - 1)*(x + 1)        | x^2 - 1
            2*x + 3*x              | 5*x
            x - (x + 2)            | -2
            -(x - 3)               | -x + 3
            3*(x/3)                | 3*(x/3)
            cos(-x)                | cos(x)
            cos(1 - x)             | cos(-x + 1)
            abs(-sin(x))           | abs(sin(x))
            log(abs(x))            | log(x)
            sqrt(abs(-x))          | sqrt(x)
            sin(2*3)               | -0.27941549819892586
            exp(1000)              | 1.0142320547350045E304
            tanh(exp(700)^2)       | 1
            x/exp(700)^2           | x/1.0142320547350045E304^2
            log(x - x)             | 0
            x/(x - x)              | 1
            cos(x)/(2 - 2)         | 1
            cos(x)/cos(x)          | 1
            exp(cos(x + x))        | exp(cos(2*x))
            """)
    void rewritesToTheCanonicalForm(String tree, String canonical) {
        assertThat(Formula.exprText(Simplifier.simplify(Formula.parseExpr(tree)))).isEqualTo(canonical);
    }

    @Test
    void signedZeroBecomesZero() {
        assertThat(Simplifier.simplify(Expr.constant(-0.0))).isEqualTo(Expr.constant(0.0));
        assertThat(Simplifier.simplify(Formula.parseExpr("0*(-1)"))).isEqualTo(Expr.constant(0.0));
    }

    @Test
    void randomTreesKeepTheirValueAndSimplifyOnce() {
        SplittableRandom random = new SplittableRandom(2405_02369L);
        int compared = 0;
        for (int n = 0; n < 2000; n++) {
            Expr tree = FormulaTrees.tree(random, 5, n % 2 == 0 ? FormulaTrees.ALL_FUNCTIONS : FormulaTrees.POLYNOMIAL, 4,
                    FormulaTrees::modestConstant);
            Expr simple = Simplifier.simplify(tree);
            assertThat(Simplifier.simplify(simple)).as("idempotent on %s", Formula.exprText(tree)).isEqualTo(simple);
            for (int i = 0; i < 25; i++) {
                double x = random.nextDouble(-3, 3);
                compared += assertSameValue(tree, simple, x) ? 1 : 0;
            }
        }
        assertThat(compared).isGreaterThan(40_000);
    }

    /** Compares where the values are {@linkplain FormulaTrees#comparable comparable}; see {@link FormulaTrees#agree}. */
    private static boolean assertSameValue(Expr tree, Expr simple, double x) {
        FormulaTrees.Rounded original = FormulaTrees.rounded(tree, x);
        FormulaTrees.Rounded simplified = FormulaTrees.rounded(simple, x);
        if (!FormulaTrees.comparable(original, simplified)) {
            return false;
        }
        assertThat(FormulaTrees.agree(original, simplified))
                .as("%s = %s, simplified %s = %s at x = %s", Formula.exprText(tree), original,
                        Formula.exprText(simple), simplified, x)
                .isTrue();
        return true;
    }
}
