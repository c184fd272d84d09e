/**
 * Vectorized symbolic regression: the search for one univariate formula g that every input
 * goes through, y ≈ c0 + Σ_j g(x_j), and the {@link org.taskneurons.sr.Formula} it returns
 * (parse, print, LaTeX, JSON). Programs are flat postfix arrays evaluated over column-major
 * data in batches; polynomial candidates are scored through power sums. JDK only.
 *
 * <pre>{@code
 * SearchData data = SearchData.of(columns, target);          // double[input][row], double[row]
 * Discovery.Result result = Discovery.of(Discovery.Settings.defaults().withSeed(1)).run(data);
 * Formula g = result.formula();                               // 6.002 s2 on the paper's low-noise no1
 * String json = g.toJson();                                   // the one JSON form of a formula
 * }</pre>
 */
package org.taskneurons.sr;
