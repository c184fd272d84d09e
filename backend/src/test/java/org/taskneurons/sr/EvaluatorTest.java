package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluatorTest {

    /** The batched evaluator performs the same operations in the same order as the tree walk. */
    @ParameterizedTest
    @ValueSource(ints = {1, 63, 64, 65, 200})
    void batchedEvaluationEqualsNaiveRecursiveEvaluation(int rows) {
        SplittableRandom random = new SplittableRandom(rows);
        double[][] x = FormulaTrees.inputs(random, 3, rows, 3.0);
        Evaluator evaluator = new Evaluator();
        for (int trial = 0; trial < 500; trial++) {
            Program program = RandomPrograms.program(random, RandomPrograms.ALL_FUNCTIONS, 1 + random.nextInt(6));
            Expr tree = program.toExpr();
            double[] out = new double[rows];
            boolean valid = evaluator.sumOverInputs(program, program.root(), x, out);
            double[] naive = new double[rows];
            boolean naiveValid = true;
            for (int i = 0; i < rows; i++) {
                for (double[] column : x) {
                    naive[i] += tree.evaluate(column[i]);
                }
                naiveValid &= Double.isFinite(naive[i]);
            }
            assertThat(valid).as("validity of %s", program).isEqualTo(naiveValid);
            if (valid) {
                assertThat(out).as("values of %s", program).containsExactly(naive);
            }
        }
    }

    @Test
    void subtreeIsEvaluatedOnItsOwn() {
        Program program = Program.of(Expr.binary(Op.ADD, Expr.power(Expr.x(), 2), Expr.unary(Op.COS, Expr.x())));
        double[][] x = {{0.0, 1.0}, {2.0, 3.0}};
        double[] out = new double[2];
        int cosine = program.root() - 1;
        assertThat(new Evaluator().sumOverInputs(program, cosine, x, out)).isTrue();
        assertThat(out[0]).isCloseTo(Math.cos(0.0) + Math.cos(2.0), within(1e-15));
        assertThat(out[1]).isCloseTo(Math.cos(1.0) + Math.cos(3.0), within(1e-15));
    }

    @Test
    void overflowMakesTheCandidateInvalidInsteadOfFailing() {
        Program program = Program.of(Expr.binary(Op.MUL, Expr.unary(Op.EXP, Expr.x()), Expr.unary(Op.EXP, Expr.x())));
        double[][] x = {{1.0, 600.0}};
        assertThat(new Evaluator().sumOverInputs(program, program.root(), x, new double[2])).isFalse();
    }

    @Test
    void countsNodeRowEvaluations() {
        Program program = Program.of(Expr.binary(Op.ADD, Expr.x(), Expr.constant(1)));
        Evaluator evaluator = new Evaluator();
        evaluator.sumOverInputs(program, program.root(), new double[4][100], new double[100]);
        assertThat(evaluator.nodeRows()).isEqualTo(3L * 100 * 4);
    }

    @Test
    void polynomialExpansionMatchesEvaluation() {
        SplittableRandom random = new SplittableRandom(7);
        PolynomialExpander expander = new PolynomialExpander(12);
        for (int trial = 0; trial < 2000; trial++) {
            Program program = RandomPrograms.program(random, RandomPrograms.POLYNOMIAL, 1 + random.nextInt(5));
            double[] coefficients = expander.expand(program, program.root());
            if (coefficients == null) {
                continue;
            }
            int degree = expander.degree(program, program.root());
            for (double xv : new double[] {-1.7, -0.3, 0.0, 0.9, 2.2}) {
                double horner = 0;
                for (int k = degree; k >= 0; k--) {
                    horner = horner * xv + coefficients[k];
                }
                double direct = program.toExpr().evaluate(xv);
                assertThat(horner).as("%s at %s", program, xv)
                        .isCloseTo(direct, within(1e-9 * Math.max(1.0, Math.abs(direct))));
            }
        }
    }

    @Test
    void expansionRejectsNonPolynomialAndTooHighDegrees() {
        PolynomialExpander expander = new PolynomialExpander(4);
        Program cosine = Program.of(Expr.unary(Op.COS, Expr.x()));
        Program sixth = Program.of(Expr.binary(Op.MUL, Expr.power(Expr.x(), 3), Expr.power(Expr.x(), 3)));
        Program cancelled = Program.of(Expr.binary(Op.SUB, Expr.power(Expr.x(), 3), Expr.power(Expr.x(), 3)));
        assertThat(expander.expand(cosine, cosine.root())).isNull();
        assertThat(expander.expand(sixth, sixth.root())).isNull();
        assertThat(expander.expand(cancelled, cancelled.root())).isNotNull();
        assertThat(expander.degree(cancelled, cancelled.root())).isZero();
    }
}
