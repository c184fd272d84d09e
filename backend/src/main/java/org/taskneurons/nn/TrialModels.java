package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskneurons.nn.BatchedTraining.Trial;

/**
 * Each trial's model of a batched run, its block initialized with the weights its own run
 * draws from its seed, and the stream of its row orders: the same streams, drawn in the same
 * order, as {@link Training#fit} draws from the seed. A batched path trains the blocks' values
 * and writes the trained values back into them.
 *
 * @param dead which trials start dead ({@link DeadStart})
 */
record TrialModels(List<Model> models, List<Block> blocks, SplittableRandom[] orders, boolean[] dead) {
    private static final String MODEL_NAME = "network";

    /** One model of {@code network} per trial on {@code device}, initialized for batches of up to {@code capacity} rows. */
    static TrialModels of(Network network, List<Trial> trials, int capacity, Device device) {
        int k = trials.size();
        TrialModels started = new TrialModels(new ArrayList<>(k), new ArrayList<>(k), new SplittableRandom[k],
                new boolean[k]);
        try {
            for (int t = 0; t < k; t++) {
                TrainingSettings settings = trials.get(t).settings();
                SplittableRandom streams = new SplittableRandom(settings.seed());
                Model model = Model.newInstance(MODEL_NAME, device);
                started.models.add(model);
                model.setBlock(network.newBlock(settings.initialization(), streams.nextLong()));
                started.orders[t] = streams.split();
                Block block = model.getBlock();
                block.initialize(model.getNDManager(), model.getDataType(), new Shape(capacity, network.inputs()));
                started.dead[t] = DeadStart.of(network, block, trials.get(t).train());
                started.blocks.add(block);
            }
            return started;
        } catch (RuntimeException | Error failure) {
            started.close();
            throw failure;
        }
    }

    /** Closes every model, for a run that failed. */
    void close() {
        models.forEach(Model::close);
    }
}
