// A discovered formula typeset by MathJax from the server's LaTeX; its plain text shows until
// (and if not) MathJax renders.
import { onMounted, ref, watch } from 'vue';
import { typeset } from '../math.js';

export default {
  props: { latex: String, text: String, display: Boolean },
  setup(props) {
    const target = ref(null);
    const rendered = ref(false);
    const render = async () => {
      rendered.value = false;
      if (!props.latex || !target.value) {
        return;
      }
      try {
        await typeset(target.value, props.latex, props.display);
        rendered.value = true;
      } catch (e) {
        console.warn('formula not typeset', e);
      }
    };
    onMounted(render);
    watch(() => props.latex, render);
    return { target, rendered };
  },
  template: `<span class="formula" :data-rendered="rendered" data-test="formula-math"><span ref="target" class="math"></span><span v-if="!rendered" class="formula-text" data-test="formula-text">{{ text || latex }}</span></span>`,
};
