// Asks for the server's token (printed by `serve` at first start) when the server requires one.
import { ref } from 'vue';

export default {
  emits: ['sign-in'],
  setup(props, { emit }) {
    const token = ref('');
    const submit = () => {
      if (token.value.trim()) {
        emit('sign-in', token.value);
      }
    };
    return { token, submit };
  },
  template: `
    <form class="sign-in panel" @submit.prevent="submit" data-test="sign-in">
      <label>This server requires a token
        <input type="password" v-model="token" autocomplete="current-password" placeholder="token" data-test="token-input">
      </label>
      <button type="submit" data-test="token-submit">Sign in</button>
      <span class="hint">The token is printed by <code>serve</code> at its first start and kept in its state directory.</span>
    </form>
  `,
};
