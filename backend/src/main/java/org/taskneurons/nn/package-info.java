/**
 * Networks of task-based neurons and their controls (linear, quadratic, random-polynomial) as
 * DJL blocks, the training loop with its DJL and fused CPU paths, and trained networks that
 * save, load and predict. Uses {@code sr}, {@code data}, {@code evaluation} and DJL.
 *
 * <pre>{@code
 * Formula g = Formula.parse("6*sum(x^2) + 5*sum(x)");         // or org.taskneurons.sr.Discovery's result
 * Network network = new Network(train.featureCount(),
 *         Structure.of(Output.regression(1), HiddenActivation.TANH, 10, 5), Neuron.taskBased(g));
 * Training training = Training.builder().setSettings(TrainingSettings.defaults().withEpochs(100)).build();
 * try (TrainedNetwork trained = training.fit(network, train, validation)) {
 *     Predictions predictions = trained.predict(test);
 * }
 * }</pre>
 */
package org.taskneurons.nn;
