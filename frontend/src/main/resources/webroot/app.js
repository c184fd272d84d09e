// The dashboard: a header with navigation and sign-in, and one view per route.
import { createApp } from 'vue';
import { route } from './router.js';
import { session, signIn, signOut } from './session.js';
import { bus, connect, reconnect } from './bus.js';
import { store, loadConfig, loadExperiments, listen } from './store.js';
import ExperimentList from './components/ExperimentList.js';
import NewExperiment from './components/NewExperiment.js';
import ExperimentView from './components/ExperimentView.js';
import ClusterView from './components/ClusterView.js';
import CompareView from './components/CompareView.js';
import SignIn from './components/SignIn.js';

const App = {
  components: { ExperimentList, NewExperiment, ExperimentView, CompareView, ClusterView, SignIn },
  setup() {
    const onSignIn = (token) => {
      signIn(token);
      reconnect();
      loadExperiments();
    };
    return { route, session, bus, store, onSignIn, signOut };
  },
  template: `
    <header class="top">
      <a class="brand" href="#/experiments">Task Neurons</a>
      <nav>
        <a href="#/experiments" :class="{active: route.name === 'experiments' || route.name === 'experiment' || route.name === 'compare'}" data-test="nav-experiments">Experiments</a>
        <a href="#/new" :class="{active: route.name === 'new'}" data-test="nav-new">New experiment</a>
        <a href="#/cluster" :class="{active: route.name === 'cluster'}" data-test="nav-cluster">Cluster</a>
      </nav>
      <span class="spacer"></span>
      <span class="live" :class="bus.state" data-test="bus-state" :title="bus.error">{{ bus.state === 'open' ? 'live' : bus.state }}</span>
      <button v-if="session.tokenRequired && session.token" class="link" @click="signOut" data-test="sign-out">Sign out</button>
      <span v-if="store.config" class="version">{{ store.config.node }} · {{ store.config.version }}</span>
    </header>
    <SignIn v-if="session.signInNeeded" @sign-in="onSignIn" />
    <main>
      <ExperimentList v-if="route.name === 'experiments'" />
      <NewExperiment v-else-if="route.name === 'new'" />
      <ExperimentView v-else-if="route.name === 'experiment'" :id="route.id" :key="route.id" />
      <CompareView v-else-if="route.name === 'compare'" :ids="route.ids" :key="route.ids.join(',')" />
      <ClusterView v-else-if="route.name === 'cluster'" />
    </main>
  `,
};

async function start() {
  try {
    await loadConfig();
  } catch (e) {
    console.error('no server configuration', e);
  }
  listen();
  connect();
  loadExperiments();
  createApp(App).mount('#app');
}

start();
