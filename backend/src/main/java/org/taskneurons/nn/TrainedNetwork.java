package org.taskneurons.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.evaluation.Predictions;

/**
 * A trained network with what it needs to predict on new data: its parameters (a DJL
 * {@link Model}, which this object owns and closes) and its {@link ModelManifest}.
 *
 * <p>A saved model is a directory holding {@value #PARAMETERS}-0000.params (DJL's parameter
 * file) and {@value #MANIFEST}; loading it gives exactly the same predictions.
 */
public final class TrainedNetwork implements AutoCloseable {
    /** The name of the manifest file in a model directory. */
    public static final String MANIFEST = "manifest.json";
    /** The prefix of the parameter file in a model directory. */
    public static final String PARAMETERS = "network";
    /** Rows per forward pass when predicting: bounds the memory of (rows, out, in) tensors of task-based layers. */
    private static final int CHUNK_ROWS = 4096;

    private final Model model;
    private final ModelManifest manifest;
    private final TrainingSummary summary;

    TrainedNetwork(Model model, ModelManifest manifest, TrainingSummary summary) {
        this.model = Objects.requireNonNull(model, "model");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.summary = summary;
    }

    /**
     * Loads a model saved with {@link #save}.
     *
     * @throws IOException              when a file is missing or unreadable, or the parameters do not fit the manifest
     * @throws IllegalArgumentException when the manifest is malformed
     */
    public static TrainedNetwork load(Path directory) throws IOException {
        ModelManifest manifest = ModelManifest.fromJson(Files.readString(directory.resolve(MANIFEST)));
        EngineThreads.prepare();
        Model model = Model.newInstance(PARAMETERS, ComputeDevice.preferred().djl());
        try {
            // The initialization is irrelevant: loading replaces every parameter.
            model.setBlock(manifest.network().newBlock(Initialization.DJL_DEFAULT, 0L));
            model.load(directory, PARAMETERS);
            long inputs = model.getBlock().getInputShapes()[0].get(1);
            if (inputs != manifest.network().inputs()) {
                throw new MalformedModelException("the parameters are for " + inputs + " inputs, the manifest says "
                        + manifest.network().inputs());
            }
            return new TrainedNetwork(model, manifest, null);
        } catch (MalformedModelException malformed) {
            model.close();
            throw new IOException("parameters in " + directory + " do not fit the manifest's network: "
                    + malformed.getMessage(), malformed);
        } catch (IOException | RuntimeException failure) {
            model.close();
            throw failure;
        }
    }

    /** Writes the parameters and the manifest into {@code directory}, creating it where needed. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        model.save(directory, PARAMETERS);
        Files.writeString(directory.resolve(MANIFEST), manifest.toJson());
    }

    public Network network() {
        return manifest.network();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** How training went; empty for a loaded model. */
    public Optional<TrainingSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** The DJL model holding the parameters, e.g. to inspect them; owned by this object. */
    public Model model() {
        return model;
    }

    /**
     * Predictions for raw data, in the units of the file it came from: the features are scaled
     * with the saved scaler, and regression predictions are scaled back to the target's units.
     *
     * @throws IllegalArgumentException when the data's features differ from the training features
     */
    public Predictions predict(Dataset raw) {
        checkFeatures(raw);
        Scaler scaler = manifest.scaler();
        Predictions scaled = predictScaled(scaler.apply(raw));
        return scaled.isClassification() ? scaled : Predictions.regression(scaler.invertTarget(scaled.values()));
    }

    /**
     * Predictions for data already scaled like the training data, in those units (the paper
     * reports test MSE on min-max scaled targets).
     *
     * @throws IllegalArgumentException when the data's features differ from the training features
     */
    public Predictions predictScaled(Dataset scaled) {
        checkFeatures(scaled);
        EngineThreads.prepare();
        boolean classification = network().structure().output().isClassification();
        int rows = scaled.rows();
        int width = network().structure().output().size();
        double[] outputs = new double[rows * width];
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            NDArray features = DatasetTensors.features(scratch, scaled);
            ParameterStore store = new ParameterStore(scratch, false);
            for (int from = 0; from < rows; from += CHUNK_ROWS) {
                int to = Math.min(rows, from + CHUNK_ROWS);
                NDArray chunk = features.get(new NDIndex().addSliceDim(from, to));
                NDArray output = model.getBlock().forward(store, new NDList(chunk), false).singletonOrThrow();
                NDArray values = classification ? output.softmax(1) : output;
                double[] chunkValues = values.toType(DataType.FLOAT64, false).toDoubleArray();
                System.arraycopy(chunkValues, 0, outputs, from * width, chunkValues.length);
            }
        }
        if (!classification) {
            return Predictions.regression(outputs);
        }
        double[][] probabilities = new double[rows][];
        for (int row = 0; row < rows; row++) {
            probabilities[row] = Arrays.copyOfRange(outputs, row * width, (row + 1) * width);
        }
        return Predictions.classification(probabilities);
    }

    private void checkFeatures(Dataset data) {
        if (!data.featureNames().equals(manifest.featureNames())) {
            throw new IllegalArgumentException("features of '" + data.name() + "' are " + data.featureNames()
                    + ", the network was trained on " + manifest.featureNames());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
