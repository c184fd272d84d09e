// The new-experiment form's fields as an experiment spec, and the server's violation fields
// (training.epochs, datasets[0].file, …) mapped back to the form field that shows them.

export const MODELS = ['task-based', 'ordinary', 'quadratic', 'random-polynomial', 'xgboost'];

export const SYNTHETIC = [];
for (let g = 1; g <= 7; g++) {
  for (const level of ['low', 'medium', 'high']) {
    SYNTHETIC.push(`paper-no${g}-${level}`);
  }
}

export class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** "10,5; 2; []" → [[10, 5], [2], []]. */
export function parseStructures(text) {
  const entries = text.split(';').map((s) => s.trim()).filter((s) => s.length);
  if (!entries.length) {
    throw new FieldError('structures', 'give at least one structure, e.g. 10,5; 2');
  }
  return entries.map((entry) => {
    if (entry === '[]') {
      return [];
    }
    return entry.split(/[,\s]+/).filter(Boolean).map((width) => {
      if (!/^\d+$/.test(width)) {
        throw new FieldError('structures', `'${width}' is not a layer width`);
      }
      return Number(width);
    });
  });
}

/** "1-5, 7" → [1, 2, 3, 4, 5, 7]. */
export function parseSeeds(text) {
  const seeds = [];
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > 10000) {
        throw new FieldError('seeds', `bad range '${part}'`);
      }
      for (let s = from; s <= to; s++) {
        seeds.push(s);
      }
    } else if (/^\d+$/.test(part)) {
      seeds.push(Number(part));
    } else {
      throw new FieldError('seeds', `'${part}' is neither a seed nor a range like 1-5`);
    }
  }
  if (!seeds.length) {
    throw new FieldError('seeds', 'give at least one seed, e.g. 1-5');
  }
  return seeds;
}

function number(value) {
  return value === '' || value === null || value === undefined ? undefined : Number(value);
}

export function specOf(form) {
  const dataset = form.source === 'file' ? { file: form.file.trim() } : { synthetic: form.synthetic };
  if (form.target.trim()) {
    dataset.target = form.target.trim();
  }
  const training = {
    optimizer: form.optimizer,
    activation: form.activation,
    learning_rate: number(form.learningRate),
    epochs: number(form.epochs),
    batch_size: number(form.batchSize),
  };
  return {
    name: form.name,
    datasets: [dataset],
    discovery: { method: form.method },
    models: form.models.slice(),
    structures: parseStructures(form.structures),
    training,
    seeds: parseSeeds(form.seeds),
  };
}

const FIELDS = [
  [/^name$/, 'name'],
  [/^datasets\[0\]\.synthetic/, 'synthetic'],
  [/^datasets\[0\]\.target/, 'target'],
  [/^datasets(\[0\](\.file)?)?$/, 'file'],
  [/^datasets\[0\]\.file/, 'file'],
  [/^models/, 'models'],
  [/^structures|^training\.model_structures/, 'structures'],
  [/^seeds/, 'seeds'],
  [/^training\.epochs/, 'epochs'],
  [/^training\.learning_rate/, 'learningRate'],
  [/^training\.batch_size/, 'batchSize'],
  [/^training\.optimizer/, 'optimizer'],
  [/^training\.activation/, 'activation'],
  [/^discovery\.method/, 'method'],
];

/** The form field that shows a violation of the given spec field, or null. */
export function formFieldOf(specField) {
  for (const [pattern, field] of FIELDS) {
    if (pattern.test(specField || '')) {
      return field;
    }
  }
  return null;
}
