// What several views share: the user's groups with unread counts, and which group is open.
import { get, session } from './api.js';
import { h, mount } from './ui.js';

export const state = { current: null, myGroups: new Map() };

export async function refreshMyGroups() {
  if (!session.token) return;
  const groups = await get('/api/me/groups');
  state.myGroups = new Map(groups.map((g) => [g.id, g]));
  renderMyGroups();
}

export function renderMyGroups() {
  const list = document.getElementById('mygroups');
  const items = [...state.myGroups.values()].map((g) =>
    h('li', { dataset: { group: g.id } },
      h('a', { href: `#/g/${g.id}`, 'aria-current': state.current === g.id ? 'page' : null }, g.name),
      g.unread > 0 && state.current !== g.id ? h('span.badge', { 'aria-label': `${g.unread} unread` }, String(g.unread)) : null));
  mount(list, items.length ? items : h('li.muted', 'No groups yet'));
}

