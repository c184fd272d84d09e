// The cluster: every node with its workers, devices and busy slots, kept current from node
// announcements on tn.events; a link to Grafana when the server names one.
import { computed, onMounted } from 'vue';
import { store, loadNodes } from '../store.js';

function bytes(n) {
  if (!n) {
    return '';
  }
  const gib = n / 1024 ** 3;
  return gib >= 1 ? gib.toFixed(1) + ' GiB' : Math.round(n / 1024 ** 2) + ' MiB';
}

export default {
  setup() {
    onMounted(loadNodes);
    const totals = computed(() => {
      let slots = 0;
      let busy = 0;
      let workers = 0;
      for (const node of store.nodes) {
        for (const w of node.workers || []) {
          workers++;
          slots += w.slots || 0;
          busy += w.busy || 0;
        }
      }
      return { nodes: store.nodes.length, workers, slots, busy };
    });
    const when = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');
    return { store, totals, bytes, when };
  },
  template: `
    <section data-test="cluster-view">
      <div class="toolbar">
        <h1>Cluster</h1>
        <span data-test="cluster-totals">{{ totals.nodes }} nodes · {{ totals.workers }} workers · {{ totals.busy }} of {{ totals.slots }} slots busy</span>
        <span class="spacer"></span>
        <a v-if="store.config && store.config.grafanaUrl" class="button" :href="store.config.grafanaUrl" target="_blank" rel="noopener" data-test="grafana-link">Grafana</a>
      </div>
      <p v-if="store.nodesError" class="error">{{ store.nodesError }}</p>
      <table class="grid" data-test="nodes">
        <thead><tr><th>node</th><th>mode</th><th>worker</th><th>busy / slots</th><th>devices</th><th>last seen</th></tr></thead>
        <tbody>
          <template v-for="n in store.nodes" :key="n.node">
            <tr v-if="!(n.workers && n.workers.length)" data-test="node-row" :data-node="n.node">
              <td>{{ n.node }}</td><td>{{ n.mode }}</td><td class="hint">no workers</td><td></td><td></td><td>{{ when(n.lastSeen) }}</td>
            </tr>
            <tr v-for="(w, i) in n.workers" :key="n.node + '/' + w.id" data-test="node-row" :data-node="n.node">
              <td>{{ i === 0 ? n.node : '' }}</td>
              <td>{{ i === 0 ? n.mode : '' }}</td>
              <td><code>{{ w.id }}</code></td>
              <td class="num"><span class="slots"><span v-for="s in w.slots" :key="s" class="slot" :class="{busy: s <= w.busy}"></span></span> {{ w.busy }} / {{ w.slots }}</td>
              <td><span v-for="(d, j) in w.devices" :key="j" class="chip" :class="'d-' + d.kind">{{ d.kind }} {{ d.name }} {{ bytes(d.memoryBytes) }}</span></td>
              <td>{{ i === 0 ? when(n.lastSeen) : '' }}</td>
            </tr>
          </template>
        </tbody>
      </table>
    </section>
  `,
};
