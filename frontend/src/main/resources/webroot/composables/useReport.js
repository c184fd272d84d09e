// An experiment's report and per-seed training results, fetched again as tasks finish: at
// most once per interval (longer for big experiments, whose report costs more).
import { shallowRef } from 'vue';
import { api } from '../api.js';
import { readReport, readTrainings } from '../report.js';
import { throttle } from '../throttle.js';

export function useReport(experimentId, { spec, summary, error }) {
  const report = shallowRef([]);
  const trainings = shallowRef([]);
  const load = async () => {
    try {
      // Only experiments with data sets train networks whose per-seed results are charted.
      const trains = !spec.value || (spec.value.datasets || []).length > 0;
      const [r, res] = await Promise.all([api.report(experimentId), trains ? api.results(experimentId) : { results: [] }]);
      report.value = readReport(r.report);
      trainings.value = readTrainings(res.results);
    } catch (e) {
      if (e.status !== 404) {
        error.value = e.message;
      }
    }
  };
  const refresh = throttle(load, () => Math.max(1000, summary.value ? summary.value.total : 0));
  const show = (stored) => {
    report.value = readReport(stored);
  };
  return { report, trainings, show, refresh, stop: refresh.cancel };
}
