package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The random-tree properties of the quick tests, over hundreds of thousands of samples with the largest exponents. */
@Tag("slow")
class SimplifierStressTest {

    @Test
    void deepTreesKeepTheirValueSimplifyOnceAndPrintExactly() {
        SplittableRandom random = new SplittableRandom(99);
        for (int n = 0; n < 200_000; n++) {
            boolean wild = n % 3 == 0;
            Expr tree = FormulaTrees.tree(random, 6, n % 2 == 0 ? FormulaTrees.ALL_FUNCTIONS : FormulaTrees.POLYNOMIAL,
                    n % 5 == 0 ? Op.MAX_POWER : 4, wild ? FormulaTrees::wildConstant : FormulaTrees::modestConstant);
            String text = Formula.exprText(tree);
            Expr simple = Simplifier.simplify(tree);
            assertThat(Simplifier.simplify(simple)).as("idempotent on %s", text).isEqualTo(simple);
            assertThat(Formula.parseExpr(text)).as("round trip of %s", text).isEqualTo(tree);
            for (int i = 0; i < 10 && !wild; i++) {
                double x = random.nextDouble(-3, 3);
                FormulaTrees.Rounded original = FormulaTrees.rounded(tree, x);
                FormulaTrees.Rounded simplified = FormulaTrees.rounded(simple, x);
                assertThat(!FormulaTrees.comparable(original, simplified) || FormulaTrees.agree(original, simplified))
                        .as("%s = %s, simplified %s = %s at x = %s", text, original, Formula.exprText(simple), simplified, x)
                        .isTrue();
            }
        }
    }

    @Test
    void formulasSurviveTheRoundTripAndCanonicalizeOnce() {
        SplittableRandom random = new SplittableRandom(4242);
        for (int n = 0; n < 50_000; n++) {
            Formula formula = FormulaTrees.formula(random);
            assertThat(Formula.parse(formula.toString())).as("%s", formula).isEqualTo(formula);
            assertThat(Formula.of(formula.intercept(), formula.terms())).as("%s", formula).isEqualTo(formula);
        }
    }
}
