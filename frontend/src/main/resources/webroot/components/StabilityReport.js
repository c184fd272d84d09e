// How often bootstrap resamples of the training rows reproduce a discovered formula: the modal
// term set, the share of resamples that chose the reported one, and per term its inclusion
// frequency and the 95% interval of its coefficient.
import { format } from '../report.js';

export default {
  props: { stability: { type: Object, required: true } },
  setup() {
    const percent = (value) => (value == null ? '' : Math.round(100 * value) + '%');
    return { format, percent };
  },
  template: `
    <div class="stability" data-test="stability">
      <div data-test="stability-summary">this formula in {{ percent(stability.chosenFrequency) }} of {{ stability.resamples }} resamples;
        modal <code>{{ stability.modal }}</code> ({{ percent(stability.modalFrequency) }})</div>
      <table class="stability-terms">
        <tr v-for="t in stability.terms" :key="t.term" data-test="stability-term" :data-term="t.term">
          <td><code>{{ t.term }}</code></td>
          <td class="num">{{ percent(t.frequency) }}</td>
          <td class="num">[{{ format(t.low) }}, {{ format(t.high) }}]</td>
        </tr>
      </table>
    </div>
  `,
};
