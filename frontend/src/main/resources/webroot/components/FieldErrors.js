// The server's messages for one form field, right under it.
export default {
  props: { name: { type: String, required: true }, errors: { type: Object, required: true } },
  template: `
    <ul v-if="errors[name] && errors[name].length" class="field-errors" :data-test="'error-' + name">
      <li v-for="(v, i) in errors[name]" :key="i"><code>{{ v.field }}</code> {{ v.message }}</li>
    </ul>
  `,
};
