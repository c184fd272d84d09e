package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random trees and the genetic operators on them: ramped half-and-half initialization,
 * subtree crossover, subtree and point mutation. Every method takes the caller's random stream,
 * so a child depends only on its own stream and never on the thread that made it.
 */
final class Variation {
    private final GpConfig config;
    private final Op[] unary;
    private final Op[] binary;

    Variation(GpConfig config) {
        this.config = config;
        List<Op> ones = new ArrayList<>();
        List<Op> twos = new ArrayList<>();
        for (Op op : Op.values()) {
            if (config.functions().contains(op)) {
                (op.arity() == 1 ? ones : twos).add(op);
            }
        }
        this.unary = ones.toArray(Op[]::new);
        this.binary = twos.toArray(Op[]::new);
    }

    /** Tree i of the initial population: depths ramp over [2, initialDepth], half full, half grown. */
    Program initial(int index, SplittableRandom random) {
        int depths = Math.max(1, config.initialDepth() - 1);
        int depth = Math.min(config.initialDepth(), 2 + index % depths);
        boolean full = (index / depths) % 2 == 0;
        return tree(depth, full, random);
    }

    Program tree(int depth, boolean full, SplittableRandom random) {
        List<Op> ops = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        grow(depth, full, random, ops, values);
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return Program.of(ops.toArray(Op[]::new), v);
    }

    private void grow(int depth, boolean full, SplittableRandom random, List<Op> ops, List<Double> values) {
        int functions = unary.length + binary.length;
        boolean leaf = depth <= 1 || (!full && random.nextInt(functions + 2) < 2);
        if (leaf) {
            addLeaf(random, ops, values);
            return;
        }
        int pick = random.nextInt(functions);
        Op op = pick < unary.length ? unary[pick] : binary[pick - unary.length];
        for (int a = 0; a < op.arity(); a++) {
            grow(depth - 1, full, random, ops, values);
        }
        ops.add(op);
        values.add(op == Op.POW ? (double) (2 + random.nextInt(2)) : 0.0);
    }

    private void addLeaf(SplittableRandom random, List<Op> ops, List<Double> values) {
        if (random.nextDouble() < config.variableProbability()) {
            ops.add(Op.VAR);
            values.add(0.0);
        } else {
            ops.add(Op.CONST);
            values.add((double) random.nextInt(config.constantMin(), config.constantMax()));
        }
    }

    /** Subtree crossover; a child beyond the size or depth limit is replaced by the first parent. */
    Program crossover(Program mother, Program father, SplittableRandom random) {
        Program child = mother.replace(pickNode(mother, random), father.subtree(pickNode(father, random)));
        return fits(child) ? child : mother;
    }

    /** Subtree mutation (a new random subtree) or point mutation (one node changed in place). */
    Program mutate(Program parent, SplittableRandom random) {
        int node = random.nextInt(parent.size());
        Program child = random.nextDouble() < 0.7
                ? parent.replace(node, tree(1 + random.nextInt(3), false, random))
                : pointMutation(parent, node, random);
        return fits(child) ? child : parent;
    }

    private Program pointMutation(Program parent, int node, SplittableRandom random) {
        Op op = parent.op(node);
        if (op.isTerminal()) {
            return parent.replace(node, tree(1, false, random));
        }
        Op[] same = op.arity() == 1 ? unary : binary;
        Op other = same[random.nextInt(same.length)];
        double value = other == Op.POW ? 2 + random.nextInt(2) : 0.0;
        Op[] ops = new Op[parent.size()];
        double[] values = new double[parent.size()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = parent.op(i);
            values[i] = parent.value(i);
        }
        ops[node] = other;
        values[node] = value;
        return Program.of(ops, values);
    }

    /** Koza's rule: internal nodes are chosen 90% of the time when there are any. */
    private static int pickNode(Program program, SplittableRandom random) {
        if (program.size() > 1 && random.nextDouble() < 0.9) {
            int internal = 0;
            for (int i = 0; i < program.size(); i++) {
                internal += program.op(i).isTerminal() ? 0 : 1;
            }
            int pick = random.nextInt(internal);
            for (int i = 0; i < program.size(); i++) {
                if (!program.op(i).isTerminal() && pick-- == 0) {
                    return i;
                }
            }
        }
        return random.nextInt(program.size());
    }

    private boolean fits(Program program) {
        return program.size() <= config.maxSize() && program.depth() <= config.maxDepth();
    }
}
