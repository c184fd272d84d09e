// The report's JSON as the server's API sends it (ResultJson.report: flat tables whose cells
// carry mean, std, p and the server's own `best` mark), and per-seed results grouped for the
// spread charts. A metric that is not finite arrives as the string "NaN".

function num(value) {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'number' ? value : Number(value);
}

function discoveryOf(d) {
  if (!d) {
    return null;
  }
  return {
    formula: d.formula,
    latex: d.latex,
    trainMse: num(d.trainMse),
    method: d.method,
    evaluations: d.evaluations,
    seconds: num(d.seconds),
    rows: d.rows,
    inputs: d.inputs,
    stability: stabilityOf(d.stability),
    front: (d.front || []).map((p) => ({
      parameters: p.parameters,
      trainMse: num(p.trainMse),
      formula: p.formula,
      chosen: p.chosen === true,
    })),
  };
}

function stabilityOf(s) {
  if (!s) {
    return null;
  }
  return {
    resamples: s.resamples,
    modal: s.modal,
    modalFrequency: num(s.modalFrequency),
    chosenFrequency: num(s.chosenFrequency),
    terms: (s.terms || []).map((t) => ({ term: t.term, frequency: num(t.frequency), low: num(t.low), high: num(t.high) })),
  };
}

export function structureName(structure) {
  return Array.isArray(structure) ? (structure.length ? structure.join('-') : 'single layer') : String(structure ?? '');
}

function tableOf(t) {
  const rows = t.rows.map((r) => {
    const cells = {};
    for (const metric of t.metrics) {
      const c = r.cells[metric] || {};
      cells[metric] = { mean: num(c.mean), std: num(c.std), p: num(c.p), best: c.best === true };
    }
    return { model: r.model, parameters: num(r.parameters), n: r.n, leftOut: r.leftOut, runs: r.runs, cells };
  });
  return { structure: t.structure, structureName: t.structureName, reference: t.reference, metrics: t.metrics, rows };
}

export function readReport(report) {
  if (!report) {
    return [];
  }
  return (report.datasets || []).map((d) => ({
    dataset: d.dataset,
    discovery: discoveryOf(d.discovery),
    tables: (d.tables || []).map(tableOf),
    excluded: d.excluded || [],
    failures: d.failures || {},
  }));
}

/** Training results as {dataset, structureName, model, seed, metrics} from the results list. */
export function readTrainings(results) {
  return (results || []).filter((r) => r.kind === 'train' && r.result).map((r) => ({
    dataset: r.dataset,
    structureName: structureName(r.result.structure),
    model: r.result.model,
    seed: r.result.seed,
    metrics: r.result.testMetrics,
  }));
}

export function format(value, digits = 4) {
  if (value === null || value === undefined) {
    return '–';
  }
  if (!Number.isFinite(value)) {
    return String(value);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e5)) {
    return value.toExponential(2);
  }
  return value.toFixed(digits);
}
