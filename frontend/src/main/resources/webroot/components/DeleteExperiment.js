// Deleting an experiment, once confirmed in the page: the server removes it with its tasks,
// results and curves in any state (workers running its tasks stop at their next heartbeat),
// the list drops it, and the dashboard goes back to the list.
import { computed, ref } from 'vue';
import { api } from '../api.js';
import { go } from '../router.js';
import { TERMINAL, dropExperiment } from '../store.js';

export default {
  props: { summary: { type: Object, required: true } },
  setup(props) {
    const asking = ref(false);
    const deleting = ref(false);
    const error = ref('');
    const running = computed(() => !TERMINAL.includes(props.summary.state));

    const ask = () => {
      error.value = '';
      asking.value = true;
    };
    const gone = () => {
      dropExperiment(props.summary.id);
      go('#/experiments');
    };
    const remove = async () => {
      deleting.value = true;
      try {
        await api.remove(props.summary.id);
        gone();
      } catch (e) {
        // Already deleted elsewhere: what was asked for is done.
        if (e.status === 404) {
          gone();
        } else {
          error.value = e.message;
          asking.value = false;
        }
      } finally {
        deleting.value = false;
      }
    };
    return { asking, deleting, error, running, ask, remove };
  },
  template: `
    <span class="confirm" data-test="delete-experiment">
      <button v-if="!asking" class="danger" @click="ask" data-test="delete">Delete</button>
      <template v-else>
        <span data-test="delete-question">Delete “{{ summary.name }}” with all its tasks and results{{ running ? ', stopping the tasks still running' : '' }}?</span>
        <button class="danger" :disabled="deleting" @click="remove" data-test="delete-confirm">Delete</button>
        <button :disabled="deleting" @click="asking = false" data-test="delete-keep">Keep</button>
      </template>
      <span v-if="error" class="error" data-test="delete-error">{{ error }}</span>
    </span>
  `,
};
