// The page: a hash router over the views, the list of the user's groups with unread counts, and the live stream.
import { session } from './api.js';
import { state, refreshMyGroups, renderMyGroups } from './store.js';
import { h, mount } from './ui.js';
import { onLive, startLive, stopLive } from './live.js';
import { authView } from './views/auth.js';
import { groupsView } from './views/groups.js';
import { roomView } from './views/room.js';
import { walletView } from './views/wallet.js';
import { chainView } from './views/chain.js';

const view = document.getElementById('view');
let cleanup = () => {};
onLive((kind, data) => {
  if ((kind === 'message' || kind === 'system') && data?.group_id) {
    const group = state.myGroups.get(data.group_id);
    if (group && data.seq > group.last_seq) {
      group.last_seq = data.seq;
      if (state.current !== data.group_id) group.unread += 1;
      renderMyGroups();
    } else if (!group) {
      refreshMyGroups().catch(() => {});
    }
  }
});

async function route() {
  cleanup();
  cleanup = () => {};
  const hash = location.hash.replace(/^#\/?/, '');
  const [section, ...rest] = hash.split('/').map(decodeURIComponent);
  const signedIn = !!session.token;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sidebar').hidden = !signedIn;
  document.getElementById('whoami').textContent = signedIn ? `Signed in as ${session.user}` : '';
  for (const link of document.querySelectorAll('[data-nav]'))
    link.setAttribute('aria-current', link.dataset.nav === (section || 'groups') || (link.dataset.nav === 'groups' && section === 'g') ? 'page' : 'false');
  state.current = section === 'g' ? rest[0] : null;
  if (!signedIn && section !== 'chain') {
    stopLive();
    cleanup = authView(view, section === 'signup' ? 'signup' : 'signin') ?? (() => {});
    return;
  }
  if (signedIn) {
    startLive();
    renderMyGroups();
  }
  try {
    if (section === 'g' && rest[0]) cleanup = (await roomView(view, rest[0])) ?? (() => {});
    else if (section === 'wallet') cleanup = (await walletView(view)) ?? (() => {});
    else if (section === 'chain') cleanup = (await chainView(view, rest)) ?? (() => {});
    else cleanup = (await groupsView(view)) ?? (() => {});
  } catch (error) {
    mount(view, h('p.error', { role: 'alert' }, error.message));
  }
  view.focus({ preventScroll: true });
}

document.getElementById('signout').addEventListener('click', () => {
  session.clear();
  stopLive();
  state.myGroups.clear();
  location.hash = '#/signin';
});
window.addEventListener('hashchange', route);
if (session.token) refreshMyGroups().catch(() => {});
route();
