package org.taskneurons.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.TaskKind;
import org.taskneurons.evaluation.Predictions;

/**
 * Gradient-boosted trees fitted by XGBoost (through xgboost4j's native library): the model a
 * user of tabular data would otherwise pick, and the baseline the task-based network is
 * compared with. Fitted by {@link #fit}, restored by {@link #load}; holds a native booster, so
 * it must be {@linkplain #close() closed}. Not thread-safe.
 *
 * <p>Features go to XGBoost as 32-bit floats, as XGBoost stores them anyway. Given the same
 * settings (seed and thread count included) and data, a fit gives the same predictions.
 */
public final class XGBoostModel implements AutoCloseable {
    /** The booster attribute holding the {@link XGBoostSignature} as JSON. */
    private static final String SIGNATURE_ATTRIBUTE = "taskneurons";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Booster booster;
    private final XGBoostSignature signature;
    private final long nodes;
    private boolean closed;

    private XGBoostModel(Booster booster, XGBoostSignature signature) throws XGBoostError {
        this.booster = booster;
        this.signature = signature;
        this.nodes = countNodes(booster, signature.rounds() * signature.treesPerRound());
    }

    /** A model fitted on all of {@code train} for {@code settings.rounds()} rounds. */
    public static XGBoostModel fit(Dataset train, XGBoostSettings settings) {
        return fit(train, null, settings);
    }

    /**
     * A model fitted on {@code train}; when {@code validation} has rows and early stopping is
     * on, training stops once the validation loss (RMSE, log loss, multiclass log loss) has
     * not improved for {@code settings.earlyStoppingRounds()} rounds and the model predicts
     * with the rounds up to the best one.
     *
     * @param validation rows with the same features, task and classes as {@code train}; null
     *                   or empty for none
     */
    public static XGBoostModel fit(Dataset train, Dataset validation, XGBoostSettings settings) {
        checkTrainable(train);
        boolean stopsEarly = validation != null && validation.rows() > 0 && settings.earlyStoppingRounds() > 0;
        if (stopsEarly) {
            checkCompatible(train, validation);
        }
        DMatrix trainMatrix = null;
        DMatrix validationMatrix = null;
        try {
            trainMatrix = labelled(train);
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            if (stopsEarly) {
                validationMatrix = labelled(validation);
                watches.put("validation", validationMatrix);
            }
            Booster booster = XGBoost.train(trainMatrix, settings.boosterParameters(train.kind(), train.classCount()),
                    settings.rounds(), watches, null, null, null, stopsEarly ? settings.earlyStoppingRounds() : 0);
            try {
                return signed(booster, train, stopsEarly);
            } catch (XGBoostError | RuntimeException e) {
                booster.dispose();
                throw e;
            }
        } catch (XGBoostError e) {
            throw new XGBoostException("XGBoost could not fit '" + train.name() + "'", e);
        } finally {
            dispose(trainMatrix);
            dispose(validationMatrix);
        }
    }

    /** The fitted booster with its signature attached; xgboost4j's early stopping records the best round. */
    private static XGBoostModel signed(Booster booster, Dataset train, boolean stoppedEarly) throws XGBoostError {
        int rounds = stoppedEarly ? Integer.parseInt(booster.getAttr("best_iteration")) + 1
                : booster.getNumBoostedRound();
        XGBoostSignature signature = new XGBoostSignature(train.kind(), train.featureNames(), train.classLabels(),
                rounds);
        try {
            booster.setAttr(SIGNATURE_ATTRIBUTE, JSON.writeValueAsString(signature));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a signature of strings and numbers is always JSON", impossible);
        }
        return new XGBoostModel(booster, signature);
    }

    /** A model saved by {@link #save}. */
    public static XGBoostModel load(Path file) throws IOException {
        Booster booster;
        try {
            booster = XGBoost.loadModel(Files.readAllBytes(file));
        } catch (XGBoostError e) {
            throw new IOException("not an XGBoost model: " + file, e);
        }
        try {
            String signature = booster.getAttr(SIGNATURE_ATTRIBUTE);
            if (signature == null) {
                throw new IOException("an XGBoost model without the task, features and classes a Task Neurons model "
                        + "records (attribute '" + SIGNATURE_ATTRIBUTE + "'): " + file);
            }
            return new XGBoostModel(booster, JSON.readValue(signature, XGBoostSignature.class));
        } catch (XGBoostError | IOException | RuntimeException e) {
            booster.dispose();
            throw e instanceof IOException io ? io : new IOException("unreadable XGBoost model " + file, e);
        }
    }

    /**
     * Predictions for every row of {@code data}, whose features must be the ones this model
     * was fitted on, by name and in order; its target is not used.
     */
    public Predictions predict(Dataset data) {
        checkOpen();
        if (data.featureCount() != signature.featureNames().size()) {
            throw new IllegalArgumentException("the model was fitted on " + signature.featureNames().size()
                    + " features, '" + data.name() + "' has " + data.featureCount());
        }
        if (!data.featureNames().equals(signature.featureNames())) {
            throw new IllegalArgumentException("the model was fitted on features " + signature.featureNames()
                    + ", '" + data.name() + "' has " + data.featureNames());
        }
        if (data.rows() == 0) {
            return kind() == TaskKind.REGRESSION ? Predictions.regression(new double[0])
                    : Predictions.classification(new double[0][]);
        }
        float[][] raw;
        try {
            raw = booster.inplace_predict(rowMajor(data), data.rows(), data.featureCount(), Float.NaN,
                    new int[] {0, signature.rounds()});
        } catch (XGBoostError e) {
            throw new XGBoostException("XGBoost could not predict '" + data.name() + "'", e);
        }
        return switch (kind()) {
            case REGRESSION -> Predictions.regression(firstColumn(raw));
            case CLASSIFICATION -> Predictions.classification(classProbabilities(raw, signature.classLabels().size()));
        };
    }

    /**
     * The model's size: the number of nodes (splits and leaves) of the trees it predicts with.
     * Each node holds one learned number (a threshold, or a leaf weight) besides its feature
     * index, so this is the tree counterpart of a network's parameter count.
     */
    public long parameterCount() {
        return nodes;
    }

    /** The boosting rounds the model predicts with: the best round's after early stopping. */
    public int rounds() {
        return signature.rounds();
    }

    public TaskKind kind() {
        return signature.kind();
    }

    /** The feature columns the model expects, in order. */
    public List<String> featureNames() {
        return signature.featureNames();
    }

    /** The labels of class ids 0..k-1; empty for regression. */
    public List<String> classLabels() {
        return signature.classLabels();
    }

    /** Writes the model as one XGBoost file: JSON when the name ends in {@code .json}, else UBJSON. */
    public void save(Path file) throws IOException {
        checkOpen();
        String format = file.getFileName().toString().endsWith(".json") ? "json" : "ubj";
        try {
            Files.write(file, booster.toByteArray(format));
        } catch (XGBoostError e) {
            throw new XGBoostException("XGBoost could not serialize the model for " + file, e);
        }
    }

    /** Frees the native booster; the model cannot be used afterwards. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            booster.dispose();
        }
    }

    @Override
    public String toString() {
        return "XGBoostModel[" + kind().toString().toLowerCase() + ", " + featureNames().size() + " features, "
                + rounds() + " rounds, " + nodes + " nodes]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the XGBoost model is closed");
        }
    }

    private static void checkTrainable(Dataset train) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("no rows to fit on in '" + train.name() + "'");
        }
        if (train.isClassification() && train.classCount() < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, '" + train.name()
                    + "' has " + train.classLabels());
        }
    }

    private static void checkCompatible(Dataset train, Dataset validation) {
        if (!validation.featureNames().equals(train.featureNames())) {
            throw new IllegalArgumentException("validation features " + validation.featureNames()
                    + " differ from training features " + train.featureNames());
        }
        if (validation.kind() != train.kind() || !validation.classLabels().equals(train.classLabels())) {
            throw new IllegalArgumentException("validation target (" + validation.kind() + " " + validation.classLabels()
                    + ") differs from the training target (" + train.kind() + " " + train.classLabels() + ")");
        }
    }

    private static DMatrix labelled(Dataset data) throws XGBoostError {
        DMatrix matrix = new DMatrix(rowMajor(data), data.rows(), data.featureCount(), Float.NaN);
        float[] labels = new float[data.rows()];
        double[] target = data.target();
        for (int row = 0; row < labels.length; row++) {
            labels[row] = toFloat(target[row], data, "target");
        }
        matrix.setLabel(labels);
        return matrix;
    }

    /** XGBoost takes dense data row by row; a data set holds it column by column. */
    private static float[] rowMajor(Dataset data) {
        int rows = data.rows();
        int columns = data.featureCount();
        if ((long) rows * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("'" + data.name() + "' has too many cells for one XGBoost matrix: "
                    + (long) rows * columns);
        }
        float[] cells = new float[rows * columns];
        for (int c = 0; c < columns; c++) {
            double[] column = data.column(c);
            String name = data.featureNames().get(c);
            for (int row = 0; row < rows; row++) {
                cells[row * columns + c] = toFloat(column[row], data, name);
            }
        }
        return cells;
    }

    private static float toFloat(double value, Dataset data, String column) {
        float narrowed = (float) value;
        if (Float.isInfinite(narrowed)) {
            throw new IllegalArgumentException("'" + data.name() + "' column " + column
                    + " holds a value beyond XGBoost's 32-bit range: " + value);
        }
        return narrowed;
    }

    private static double[] firstColumn(float[][] raw) {
        double[] values = new double[raw.length];
        for (int row = 0; row < raw.length; row++) {
            values[row] = raw[row][0];
        }
        return values;
    }

    /** binary:logistic gives P(class 1) alone; multi:softprob gives every class's probability. */
    private static double[][] classProbabilities(float[][] raw, int classes) {
        double[][] probabilities = new double[raw.length][classes];
        for (int row = 0; row < raw.length; row++) {
            if (classes == 2) {
                probabilities[row][1] = raw[row][0];
                probabilities[row][0] = 1 - probabilities[row][1];
            } else {
                for (int c = 0; c < classes; c++) {
                    probabilities[row][c] = raw[row][c];
                }
            }
        }
        return probabilities;
    }

    /** Trees come round by round (one per class within a round), so the used ones are a prefix. */
    private static long countNodes(Booster booster, int trees) throws XGBoostError {
        return Arrays.stream(booster.getModelDump("", false, "text")).limit(trees)
                .mapToLong(tree -> tree.lines().filter(line -> !line.isBlank()).count())
                .sum();
    }

    private static void dispose(DMatrix matrix) {
        if (matrix != null) {
            matrix.dispose();
        }
    }
}
