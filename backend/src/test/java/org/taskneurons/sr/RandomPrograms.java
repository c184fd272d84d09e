package org.taskneurons.sr;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded random programs and data for property tests. */
final class RandomPrograms {
    static final Set<Op> ALL_FUNCTIONS = EnumSet.complementOf(EnumSet.of(Op.VAR, Op.CONST));
    static final Set<Op> POLYNOMIAL = EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG, Op.POW);

    private RandomPrograms() {
    }

    static Program program(SplittableRandom random, Set<Op> functions, int depth) {
        GpConfig config = GpConfig.paper().withFunctions(functions);
        return new Variation(config).tree(depth, random.nextBoolean(), random);
    }
}
