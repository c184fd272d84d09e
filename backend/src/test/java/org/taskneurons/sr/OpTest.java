package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpTest {
    private static final double[] EDGES = {0.0, -0.0, 1e-300, -1e-300, 1e-13, -1e-13, 1.0, -1.0, 709.0, 1e300, -1e300,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE};

    @Test
    void protectedOperatorsNeverReturnNaNOnFiniteInput() {
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[EDGES.length + 1000];
        System.arraycopy(EDGES, 0, values, 0, EDGES.length);
        for (int i = EDGES.length; i < values.length; i++) {
            values[i] = random.nextDouble(-1e3, 1e3) * Math.pow(10, random.nextInt(-20, 20));
        }
        for (Op op : Op.values()) {
            for (double a : values) {
                if (op.arity() == 1) {
                    assertThat(op.apply(a, op == Op.POW ? 3 : 0)).as("%s(%s)", op, a).isNotNaN();
                } else if (op.arity() == 2) {
                    for (double b : EDGES) {
                        assertThat(op.apply(a, b)).as("%s(%s, %s)", op, a, b).isNotNaN();
                    }
                }
            }
        }
    }

    @Test
    void protectedFormsAreTheDocumentedOnes() {
        assertThat(Op.DIV.apply(5.0, 0.0)).isEqualTo(1.0);
        assertThat(Op.DIV.apply(5.0, 2.0)).isEqualTo(2.5);
        assertThat(Op.LOG.apply(0.0, 0)).isEqualTo(0.0);
        assertThat(Op.LOG.apply(-Math.E, 0)).isEqualTo(1.0);
        assertThat(Op.SQRT.apply(-4.0, 0)).isEqualTo(2.0);
        assertThat(Op.EXP.apply(1e6, 0)).isFinite();
    }

    @Test
    void operatorsAreFoundBySymbolOrName() {
        assertThat(Op.bySymbol("cos")).contains(Op.COS);
        assertThat(Op.bySymbol("*")).contains(Op.MUL);
        assertThat(Op.bySymbol("MUL")).contains(Op.MUL);
        assertThat(Op.bySymbol("cosh")).isEmpty();
    }
}
