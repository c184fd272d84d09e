package org.taskneurons.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.taskneurons.data.ColumnScale;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.TaskKind;
import org.taskneurons.sr.Formula;

/**
 * What a saved model says about itself beside its parameters, as JSON: the network (inputs,
 * structure, neuron type, the formula text or the random powers), the feature names and
 * target, the class labels of the class ids, and the scaler fitted on the training part.
 * Doubles are written so that they read back exactly, the formula as its exact text.
 *
 * @param classLabels the label of each class id; empty for regression
 */
public record ModelManifest(Network network, List<String> featureNames, String targetName, List<String> classLabels,
                            Scaler scaler) {
    /** The version of the JSON layout. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelManifest {
        Objects.requireNonNull(network, "network");
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(targetName, "targetName");
        classLabels = List.copyOf(classLabels);
        Objects.requireNonNull(scaler, "scaler");
        if (featureNames.size() != network.inputs()) {
            throw new IllegalArgumentException("featureNames: " + featureNames.size() + " names for a network of "
                    + network.inputs() + " inputs");
        }
        if (scaler.features().size() != network.inputs()) {
            throw new IllegalArgumentException("scaler: " + scaler.features().size() + " feature scales for a network of "
                    + network.inputs() + " inputs");
        }
        Output output = network.structure().output();
        int labels = output.isClassification() ? output.size() : 0;
        if (classLabels.size() != labels) {
            throw new IllegalArgumentException("classLabels: " + classLabels.size() + " labels for a " + output);
        }
    }

    /** The manifest of {@code network} trained on {@code train}, checking that the data fits the network. */
    static ModelManifest of(Network network, Dataset train, Scaler scaler) {
        checkData("train", network, train);
        return new ModelManifest(network, train.featureNames(), train.targetName(), train.classLabels(), scaler);
    }

    /** A scaler that leaves {@code features} features and the target as they are. */
    static Scaler identityScaler(int features) {
        return new Scaler(Collections.nCopies(features, ColumnScale.identity()), ColumnScale.identity());
    }

    /**
     * Checks that {@code data} (called {@code part} in messages) fits the network: as many
     * features as inputs, the same kind of task, one regression target or as many classes as
     * outputs.
     */
    static void checkData(String part, Network network, Dataset data) {
        if (data.featureCount() != network.inputs()) {
            throw new IllegalArgumentException(part + ": the network takes " + network.inputs() + " features, '"
                    + data.name() + "' has " + data.featureCount());
        }
        Output output = network.structure().output();
        TaskKind kind = data.kind();
        if (kind != output.kind()) {
            throw new IllegalArgumentException(part + ": the network's output is " + output + ", '" + data.name()
                    + "' is " + kind);
        }
        int expected = kind == TaskKind.CLASSIFICATION ? data.classCount() : 1;
        if (output.size() != expected) {
            throw new IllegalArgumentException(part + ": the network has " + output.size() + " outputs, '"
                    + data.name() + "' needs " + expected);
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("network", network(network));
        root.set("featureNames", strings(featureNames));
        root.put("targetName", targetName);
        root.set("classLabels", strings(classLabels));
        ObjectNode scales = root.putObject("scaler");
        ArrayNode features = scales.putArray("features");
        scaler.features().forEach(column -> features.add(scale(column)));
        scales.set("target", scale(scaler.target()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Reads a manifest written by {@link #toJson}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ModelManifest fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("manifest is not JSON: " + malformed.getOriginalMessage(), malformed);
        }
        int format = required(root, "format").asInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("manifest format " + format + " is not supported, expected " + FORMAT);
        }
        JsonNode scales = required(root, "scaler");
        List<ColumnScale> features = new ArrayList<>();
        required(scales, "features").forEach(node -> features.add(scale(node)));
        return new ModelManifest(network(required(root, "network")), strings(required(root, "featureNames")),
                required(root, "targetName").asText(), strings(required(root, "classLabels")),
                new Scaler(features, scale(required(scales, "target"))));
    }

    private static ObjectNode network(Network network) {
        ObjectNode node = JSON.createObjectNode();
        node.put("inputs", network.inputs());
        Structure structure = network.structure();
        ObjectNode shape = node.putObject("structure");
        ArrayNode widths = shape.putArray("hiddenWidths");
        structure.hiddenWidths().forEach(widths::add);
        shape.put("activation", structure.activation().name());
        shape.putObject("output").put("kind", structure.output().kind().name()).put("size", structure.output().size());
        Neuron neuron = network.neuron();
        ObjectNode neuronNode = node.putObject("neuron").put("type", neuron.type().name());
        if (neuron.formula() != null) {
            neuronNode.put("formula", neuron.formula().toString());
        }
        if (neuron.powers() != null) {
            ArrayNode powers = neuronNode.putArray("powers");
            neuron.powers().powers().forEach(powers::add);
        }
        return node;
    }

    private static Network network(JsonNode node) {
        JsonNode shape = required(node, "structure");
        List<Integer> widths = new ArrayList<>();
        required(shape, "hiddenWidths").forEach(width -> widths.add(width.asInt()));
        JsonNode output = required(shape, "output");
        Structure structure = new Structure(widths, HiddenActivation.valueOf(required(shape, "activation").asText()),
                new Output(TaskKind.valueOf(required(output, "kind").asText()), required(output, "size").asInt()));
        JsonNode neuronNode = required(node, "neuron");
        NeuronType type = NeuronType.valueOf(required(neuronNode, "type").asText());
        Formula formula = type == NeuronType.TASK_BASED ? Formula.parse(required(neuronNode, "formula").asText()) : null;
        RandomPowers powers = null;
        if (type == NeuronType.RANDOM_POLYNOMIAL) {
            List<Integer> values = new ArrayList<>();
            required(neuronNode, "powers").forEach(power -> values.add(power.asInt()));
            powers = new RandomPowers(values);
        }
        return new Network(required(node, "inputs").asInt(), structure, new Neuron(type, formula, powers));
    }

    private static ObjectNode scale(ColumnScale scale) {
        ObjectNode node = JSON.createObjectNode();
        if (scale instanceof ColumnScale.MinMax minMax) {
            node.put("type", "minMax").put("min", minMax.min()).put("max", minMax.max());
        } else if (scale instanceof ColumnScale.Standard standard) {
            node.put("type", "standard").put("mean", standard.mean()).put("std", standard.std());
        } else {
            node.put("type", "identity");
        }
        return node;
    }

    private static ColumnScale scale(JsonNode node) {
        String type = required(node, "type").asText();
        return switch (type) {
            case "identity" -> ColumnScale.identity();
            case "minMax" -> new ColumnScale.MinMax(required(node, "min").asDouble(), required(node, "max").asDouble());
            case "standard" -> new ColumnScale.Standard(required(node, "mean").asDouble(), required(node, "std").asDouble());
            default -> throw new IllegalArgumentException("manifest: unknown scale type '" + type + "'");
        };
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("manifest: missing field '" + field + "'");
        }
        return value;
    }
}
