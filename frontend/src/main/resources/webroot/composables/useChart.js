// An ECharts chart on the returned element ref: the instance lives outside Vue's reactivity,
// is drawn from `option()` on mount and whenever `source()` changes, follows the window's
// size, and is disposed with the component. Without ECharts (it did not load) nothing is drawn.
import { markRaw, onBeforeUnmount, onMounted, ref, watch } from 'vue';

export function useChart(option, source, settings = { notMerge: true }) {
  const element = ref(null);
  let chart = null;
  const update = () => chart && chart.setOption(option(), settings);
  const resize = () => chart && chart.resize();
  onMounted(() => {
    if (typeof echarts !== 'undefined') {
      chart = markRaw(echarts.init(element.value));
      update();
      window.addEventListener('resize', resize);
    }
  });
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize);
    if (chart) {
      chart.dispose();
    }
  });
  watch(source, update);
  return element;
}
