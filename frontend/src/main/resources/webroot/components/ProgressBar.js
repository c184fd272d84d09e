// Share of finished tasks, with failed ones shown in their own colour.
import { computed } from 'vue';

export default {
  props: { summary: { type: Object, required: true } },
  setup(props) {
    const part = (state) => computed(() => {
      const total = props.summary.total || 0;
      return total ? (100 * ((props.summary.counts || {})[state] || 0)) / total : 0;
    });
    const done = part('DONE');
    const failed = part('FAILED');
    const cancelled = part('CANCELLED');
    const percent = computed(() => Math.round(done.value + failed.value + cancelled.value));
    return { done, failed, cancelled, percent };
  },
  template: `
    <span class="progress" role="progressbar" :aria-valuenow="percent" aria-valuemin="0" aria-valuemax="100" data-test="progress" :data-percent="percent">
      <span class="bar s-DONE" :style="{width: done + '%'}"></span><span class="bar s-FAILED" :style="{width: failed + '%'}"></span><span class="bar s-CANCELLED" :style="{width: cancelled + '%'}"></span>
      <span class="label">{{ percent }}%</span>
    </span>
  `,
};
