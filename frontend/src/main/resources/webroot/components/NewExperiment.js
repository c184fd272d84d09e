// New experiment: a form for the common case (one data set, models, structures, seeds,
// training basics) and a spec editor (YAML or JSON) for everything else. The server
// validates; its violations appear at the field they name, or in a list.
import { computed, reactive, ref } from 'vue';
import { api } from '../api.js';
import { go, experimentPath } from '../router.js';
import { upsertExperiment } from '../store.js';
import { MODELS, SYNTHETIC, FieldError, specOf, formFieldOf } from '../spec.js';
import FieldErrors from './FieldErrors.js';

export default {
  components: { FieldErrors },
  setup() {
    const mode = ref('form');
    const form = reactive({
      name: 'quick experiment', source: 'synthetic', file: '', synthetic: 'paper-no1-low', target: '',
      models: ['task-based', 'ordinary'], structures: '10,5', seeds: '1-3', epochs: 60, learningRate: 0.01,
      batchSize: 10, optimizer: 'rmsprop', activation: 'relu', method: 'subset',
    });
    const editor = reactive({ text: '', format: 'yaml' });
    const violations = ref([]);
    const message = ref('');
    const busy = ref(false);
    const upload = reactive({ state: '', path: '' });

    const errors = computed(() => {
      const byField = {};
      for (const v of violations.value) {
        const field = formFieldOf(v.field) || 'general';
        (byField[field] = byField[field] || []).push(v);
      }
      return byField;
    });

    const request = () => {
      if (mode.value === 'editor') {
        const text = editor.text.trim();
        const json = text.startsWith('{');
        return { body: text, type: json ? 'application/json' : 'application/yaml' };
      }
      return { body: specOf(form), type: 'application/json' };
    };

    const run = async (launch) => {
      violations.value = [];
      message.value = '';
      let call;
      try {
        call = request();
      } catch (e) {
        if (e instanceof FieldError) {
          violations.value = [{ field: e.field, message: e.message }];
          return;
        }
        throw e;
      }
      busy.value = true;
      try {
        const checked = await api.validate(call.body, call.type);
        message.value = `Valid: ${checked.tasks} tasks.`;
        if (launch) {
          const summary = await api.submit(call.body, call.type);
          const experiment = summary.experiment || summary;
          upsertExperiment(experiment);
          go(experimentPath(experiment.id));
        }
      } catch (e) {
        message.value = e.message;
        violations.value = e.violations.length ? e.violations : [{ field: '(spec)', message: e.message }];
      } finally {
        busy.value = false;
      }
    };

    const toEditor = () => {
      try {
        editor.text = JSON.stringify(specOf(form), null, 2);
      } catch (e) {
        editor.text = '';
      }
      mode.value = 'editor';
    };

    const onFile = async (event) => {
      const file = event.target.files[0];
      if (!file) {
        return;
      }
      upload.state = 'uploading ' + file.name + '…';
      try {
        const saved = await api.upload(file);
        form.source = 'file';
        form.file = saved.path;
        upload.state = 'uploaded as ' + saved.path;
      } catch (e) {
        upload.state = 'upload failed: ' + e.message;
      }
    };

    return { mode, form, editor, violations, message, busy, upload, errors, run, toEditor, onFile, MODELS, SYNTHETIC };
  },
  template: `
    <section data-test="new-view">
      <div class="toolbar">
        <h1>New experiment</h1>
        <span class="tabs">
          <button :class="{active: mode === 'form'}" @click="mode = 'form'" data-test="mode-form">Form</button>
          <button :class="{active: mode === 'editor'}" @click="toEditor" data-test="mode-editor">Spec editor</button>
        </span>
      </div>
      <form v-if="mode === 'form'" class="spec-form panel" novalidate @submit.prevent="run(true)" data-test="spec-form">
        <label>Name <input v-model="form.name" data-test="field-name"></label>
        <FieldErrors name="name" :errors="errors" />
        <fieldset>
          <legend>Data</legend>
          <div class="choices">
            <label class="inline"><input type="radio" value="synthetic" v-model="form.source" data-test="source-synthetic"> synthetic (the paper's groups)</label>
            <label class="inline"><input type="radio" value="file" v-model="form.source" data-test="source-file"> data file</label>
          </div>
          <template v-if="form.source === 'synthetic'">
            <label>Synthetic set
              <select v-model="form.synthetic" data-test="field-synthetic"><option v-for="s in SYNTHETIC" :key="s">{{ s }}</option></select>
            </label>
            <FieldErrors name="synthetic" :errors="errors" />
          </template>
          <template v-else>
            <label>Data file (under a data root) <input v-model="form.file" placeholder="uploads/data.csv" data-test="field-file"></label>
            <label class="upload">or upload <input type="file" accept=".csv,.tsv,.txt,.data" @change="onFile" data-test="upload"></label>
            <span class="hint" data-test="upload-state">{{ upload.state }}</span>
          </template>
          <FieldErrors name="file" :errors="errors" />
          <label>Target column <input v-model="form.target" placeholder="last" data-test="field-target"></label>
          <FieldErrors name="target" :errors="errors" />
        </fieldset>
        <fieldset>
          <legend>Models</legend>
          <div class="choices">
            <label v-for="m in MODELS" :key="m" class="inline"><input type="checkbox" :value="m" v-model="form.models" :data-test="'model-' + m"> {{ m }}</label>
          </div>
          <FieldErrors name="models" :errors="errors" />
          <label>Structures (hidden widths; entries separated by ;) <input v-model="form.structures" placeholder="10,5; 2" data-test="field-structures"></label>
          <FieldErrors name="structures" :errors="errors" />
          <label>Seeds <input v-model="form.seeds" placeholder="1-5" data-test="field-seeds"></label>
          <FieldErrors name="seeds" :errors="errors" />
        </fieldset>
        <fieldset>
          <legend>Training and discovery</legend>
          <div class="row">
            <label>Epochs <input type="number" min="1" v-model="form.epochs" data-test="field-epochs"></label>
            <label>Learning rate <input type="number" step="any" v-model="form.learningRate" data-test="field-learningRate"></label>
            <label>Batch size <input type="number" min="1" v-model="form.batchSize" data-test="field-batchSize"></label>
          </div>
          <FieldErrors name="epochs" :errors="errors" />
          <FieldErrors name="learningRate" :errors="errors" />
          <FieldErrors name="batchSize" :errors="errors" />
          <div class="row">
            <label>Optimizer <select v-model="form.optimizer" data-test="field-optimizer"><option>rmsprop</option><option>adam</option><option>sgd</option></select></label>
            <label>Activation <select v-model="form.activation" data-test="field-activation"><option>relu</option><option>sigmoid</option><option>tanh</option></select></label>
            <label>Discovery <select v-model="form.method" data-test="field-method"><option>auto</option><option>subset</option><option>gp</option></select></label>
          </div>
          <FieldErrors name="optimizer" :errors="errors" />
          <FieldErrors name="activation" :errors="errors" />
          <FieldErrors name="method" :errors="errors" />
        </fieldset>
        <FieldErrors name="general" :errors="errors" />
        <div class="actions">
          <button type="button" @click="run(false)" :disabled="busy" data-test="validate">Check</button>
          <button type="submit" class="primary" :disabled="busy" data-test="launch">Launch</button>
          <span class="message" data-test="message">{{ message }}</span>
        </div>
      </form>
      <form v-else class="spec-editor panel" @submit.prevent="run(true)" data-test="spec-editor">
        <p class="hint">The full experiment spec in YAML or JSON (field names in snake_case; see <code>experiments/quickstart.yaml</code>).</p>
        <textarea v-model="editor.text" rows="22" spellcheck="false" data-test="spec-text"></textarea>
        <ul v-if="violations.length" class="violations" data-test="violations">
          <li v-for="(v, i) in violations" :key="i" data-test="violation" :data-field="v.field"><code>{{ v.field }}</code> {{ v.message }}</li>
        </ul>
        <div class="actions">
          <button type="button" @click="run(false)" :disabled="busy" data-test="validate">Check</button>
          <button type="submit" class="primary" :disabled="busy" data-test="launch">Launch</button>
          <span class="message" data-test="message">{{ message }}</span>
        </div>
      </form>
    </section>
  `,
};
