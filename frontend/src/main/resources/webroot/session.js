// Who the dashboard is signed in as: the server's token, kept for this browser tab only.
import { reactive } from 'vue';

const KEY = 'taskneurons.token';

export const session = reactive({
  token: sessionStorage.getItem(KEY) || '',
  tokenRequired: false,
  signInNeeded: false,
});

export function signIn(token) {
  session.token = token.trim();
  sessionStorage.setItem(KEY, session.token);
  session.signInNeeded = false;
}

export function signOut() {
  session.token = '';
  sessionStorage.removeItem(KEY);
  session.signInNeeded = session.tokenRequired;
}
