// The report's JSON, read in both the shapes the server may write (run --json's
// `comparison` objects with p_value, or flat tables with p), and per-seed results grouped
// for the spread charts.

const HIGHER_IS_BETTER = /^(r2|accuracy|acc|f1|auc|precision|recall|balanced_accuracy)/;

export function higherIsBetter(metric) {
  return HIGHER_IS_BETTER.test(metric);
}

function num(value) {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'number' ? value : Number(value);
}

function pick(object, ...names) {
  for (const name of names) {
    if (object && object[name] !== undefined) {
      return object[name];
    }
  }
  return undefined;
}

function discoveryOf(d) {
  if (!d) {
    return null;
  }
  return {
    formula: d.formula,
    latex: d.latex,
    trainMse: num(pick(d, 'trainMse', 'train_mse')),
    method: d.method,
    evaluations: d.evaluations,
    seconds: num(d.seconds),
    rows: d.rows,
    inputs: d.inputs,
    stability: stabilityOf(d.stability),
    front: (d.front || []).map((p) => ({
      parameters: p.parameters,
      trainMse: num(pick(p, 'trainMse', 'train_mse')),
      formula: p.formula,
      chosen: p.chosen === true,
    })),
  };
}

// The bootstrap stability report, from the stored result (camelCase) or run --json (snake_case).
function stabilityOf(s) {
  if (!s) {
    return null;
  }
  return {
    resamples: s.resamples,
    modal: s.modal,
    modalFrequency: num(pick(s, 'modalFrequency', 'modal_frequency')),
    chosenFrequency: num(pick(s, 'chosenFrequency', 'chosen_frequency')),
    terms: (s.terms || []).map((t) => ({ term: t.term, frequency: num(t.frequency), low: num(t.low), high: num(t.high) })),
  };
}

export function structureName(structure) {
  return Array.isArray(structure) ? (structure.length ? structure.join('-') : 'single layer') : String(structure ?? '');
}

function tableOf(t) {
  const body = t.comparison || t;
  const metrics = body.metrics || [];
  const rows = (body.rows || []).map((r) => {
    const cells = {};
    for (const metric of metrics) {
      const c = (r.cells || {})[metric] || {};
      cells[metric] = { mean: num(c.mean), std: num(c.std), p: num(pick(c, 'p', 'p_value', 'pValue')), best: c.best };
    }
    const n = r.n ?? (r.seeds ? r.seeds.length : null);
    // The divergence rule, as the server applies it: diverged runs are left out of the means
    // and counted, so a row of 9 kept runs out of 10 reads "9 of 10".
    const leftOut = num(pick(r, 'leftOut', 'left_out')) || 0;
    const runs = leftOut && n !== null ? `${n} of ${n + leftOut}` : n;
    return { model: r.model, parameters: num(r.parameters), n, leftOut, runs, cells };
  });
  for (const metric of metrics) {
    if (rows.some((r) => r.cells[metric].best !== undefined && r.cells[metric].best !== null)) {
      continue;
    }
    const values = rows.map((r) => r.cells[metric].mean).filter((v) => v !== null && Number.isFinite(v));
    if (!values.length) {
      continue;
    }
    const best = higherIsBetter(metric) ? Math.max(...values) : Math.min(...values);
    for (const r of rows) {
      r.cells[metric].best = r.cells[metric].mean === best;
    }
  }
  return {
    structure: t.structure,
    structureName: t.structureName || structureName(t.structure),
    reference: body.reference || t.reference,
    metrics,
    rows,
  };
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
  const trainings = [];
  for (const r of results || []) {
    if (r.kind !== 'train' || !r.result) {
      continue;
    }
    const parts = (r.key || '').split('/');
    const metrics = pick(r.result, 'testMetrics', 'test_metrics') || {};
    trainings.push({
      dataset: parts[1] || '',
      structureName: r.result.structure ? structureName(r.result.structure) : parts[3] || '',
      model: r.result.model || parts[2] || '',
      seed: r.result.seed,
      metrics,
    });
  }
  return trainings;
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
