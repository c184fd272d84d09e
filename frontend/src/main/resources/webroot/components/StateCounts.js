// Task counts by state as small coloured chips, omitting states with none.
import { STATES } from '../store.js';

export default {
  props: { counts: { type: Object, default: () => ({}) } },
  setup() {
    return { STATES };
  },
  template: `
    <span class="counts" data-test="state-counts">
      <template v-for="state in STATES" :key="state">
        <span v-if="counts && counts[state]" class="chip" :class="'s-' + state" :data-test="'count-' + state">{{ state.toLowerCase() }} {{ counts[state] }}</span>
      </template>
    </span>
  `,
};
