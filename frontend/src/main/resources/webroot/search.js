// A search's trials as GET /api/experiments/:id/trials sends them, and the axes of its space:
// a list in the spec is a choice (its values in order), a {uniform|log_uniform|int_uniform}
// range a numeric axis (log_uniform on a log scale).
import { format, structureName } from './report.js';

/** The text of a hyperparameter's value in tables and on choice axes. */
export function valueText(value) {
  if (Array.isArray(value)) {
    return structureName(value);
  }
  return typeof value === 'number' && !Number.isInteger(value) ? format(value) : String(value);
}

/** One trial's label: data set, model and number. */
export function trialKey(t) {
  return t.dataset + ' · ' + t.model + ' · ' + t.trial;
}

/** Each trial once: at the furthest rung with a value, or (none yet) the furthest it reached. */
export function latestRungs(trials) {
  const valued = (t) => Number.isFinite(t.value);
  const beats = (t, other) => (valued(t) === valued(other) ? t.rung > other.rung : valued(t));
  const latest = new Map();
  for (const t of trials) {
    const key = trialKey(t);
    if (!latest.has(key) || beats(t, latest.get(key))) {
      latest.set(key, t);
    }
  }
  return [...latest.values()];
}

/**
 * An axis per hyperparameter: {name, kind: 'choice'|'linear'|'log', values?, lo?, hi?}, from the
 * spec's space; a name the space lacks gets its axis from the values seen.
 */
export function axesOf(space, trials) {
  const names = [...new Set([...Object.keys(space || {}), ...trials.flatMap((t) => Object.keys(t.config))])];
  return names.map((name) => {
    const domain = (space || {})[name];
    const seen = trials.map((t) => t.config[name]).filter((v) => v !== undefined);
    if (Array.isArray(domain) || (!domain && seen.some((v) => typeof v !== 'number'))) {
      const values = (Array.isArray(domain) ? domain : seen).map(valueText);
      return { name, kind: 'choice', values: [...new Set(values)] };
    }
    const [kind, [lo, hi]] = domain ? Object.entries(domain)[0] : ['uniform', [Math.min(...seen), Math.max(...seen)]];
    return { name, kind: kind === 'log_uniform' ? 'log' : 'linear', lo, hi };
  });
}

/** Where a value sits on its axis, from 0 (bottom) to 1 (top). */
export function position(axis, value) {
  if (axis.kind === 'choice') {
    return axis.values.length > 1 ? axis.values.indexOf(valueText(value)) / (axis.values.length - 1) : 0.5;
  }
  const scale = axis.kind === 'log' ? Math.log : (v) => v;
  const span = scale(axis.hi) - scale(axis.lo);
  return span > 0 ? (scale(value) - scale(axis.lo)) / span : 0.5;
}
