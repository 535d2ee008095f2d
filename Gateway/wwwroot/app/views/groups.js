// The group directory: search, "load more", create a group.
import { get, post, path } from '../api.js';
import { h, mount, submit } from '../ui.js';
import { refreshMyGroups, state } from '../store.js';

export async function groupsView(view) {
  const list = h('ul.plain', { id: 'directory' });
  const more = h('button.secondary', { type: 'button', id: 'load-more', hidden: true }, 'Load more');
  const search = h('input', { type: 'search', name: 'q', placeholder: 'Search groups', 'aria-label': 'Search groups' });
  let cursor = null;
  let query = '';

  async function load(reset) {
    if (reset) { cursor = null; list.replaceChildren(); }
    const page = await get(`/api/groups?limit=20${query ? path`&q=${query}` : ''}${cursor ? path`&cursor=${cursor}` : ''}`);
    for (const g of page.items) {
      list.append(h('li', h('div', h('a', { href: `#/g/${g.id}` }, g.name), g.description ? h('div.muted', g.description) : null),
        state.myGroups.has(g.id) ? h('span.muted', 'member') : null));
    }
    if (!list.children.length) list.append(h('li.muted', query ? 'No group matches.' : 'No groups yet: create the first.'));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  }

  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { query = search.value.trim(); load(true).catch(() => {}); }, 250);
  });
  more.addEventListener('click', () => load(false));

  const output = h('p.error', { role: 'alert' });
  const create = h('form.card.stack', { id: 'create-group' },
    h('h2', 'Create a group'),
    h('div.row', h('label', 'Name', h('input', { name: 'name', required: true, maxlength: 100 })),
      h('label', 'Description', h('input', { name: 'description', maxlength: 500 }))),
    h('button', { type: 'submit' }, 'Create'), output);
  submit(create, output, async (data) => {
    const group = await post('/api/groups', { name: data.get('name'), description: data.get('description') || null });
    await refreshMyGroups();
    location.hash = `#/g/${group.id}`;
  });

  mount(view, h('section.stack', h('h1', 'Groups'), h('div.card.stack', search, list, more), create));
  await load(true);
}
