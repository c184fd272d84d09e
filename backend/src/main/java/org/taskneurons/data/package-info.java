/**
 * Tabular data for Task Neurons: reading users' files, scaling, splitting and generating
 * the seed paper's synthetic sets.
 *
 * <p>The usual path: {@link org.taskneurons.data.Dataset#read} a CSV, TSV or
 * whitespace-separated file with {@link org.taskneurons.data.ReadOptions} (target, dropped
 * and categorical columns, task, missing values); cut it with a
 * {@link org.taskneurons.data.SplitPlan} into a {@link org.taskneurons.data.Split}; fit a
 * {@link org.taskneurons.data.Scaler} on the training part and apply it to every part;
 * invert the target scale to report predictions in the file's units.
 * {@link org.taskneurons.data.Synthetic} makes the paper's {@code y = sum_k c_k s_k + noise}
 * data for quick experiments.
 *
 * <p>Anything a file or an argument gets wrong is a {@link org.taskneurons.data.DataException}
 * (an {@link java.lang.IllegalArgumentException}) naming the file, line, column and reason.
 */
package org.taskneurons.data;
