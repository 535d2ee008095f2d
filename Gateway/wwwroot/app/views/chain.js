// The chain explorer: a node's summary, its chain (newest first), a block's details, the mempool, and the
// tutorial's actions (mine, register peers, resolve) on a node the user owns.
import { get, post, put, path, info, coins, session } from '../api.js';
import { h, mount, submit, describe, dateTime, short } from '../ui.js';

const PAGE = 20;

export async function chainView(view, [nodeId, what, hash]) {
  const chain = await info();
  const money = (u) => `${coins(u, chain.units_per_coin)} coins`;
  const node = nodeId || chain.payments_node;
  const mine = session.userId ? session.userId.replace(/[^a-z0-9_-]/g, '').slice(0, 32) : null;

  const picker = h('form.row', { id: 'node-picker', 'aria-label': 'Open a node' },
    h('label.inline', 'Node', h('input', { name: 'node', value: node, required: true, size: 16 })), h('button', { type: 'submit' }, 'Open'),
    h('a', { href: `#/chain/${chain.payments_node}` }, `${chain.payments_node} (payments)`),
    mine ? h('a', { href: `#/chain/${mine}`, id: 'my-node-link' }, `${mine} (mine)`) : null);
  picker.addEventListener('submit', (e) => { e.preventDefault(); location.hash = `#/chain/${new FormData(picker).get('node').trim()}`; });

  if (what === 'block' && hash) {
    const block = await get(path`/api/nodes/${node}/blocks/${hash}`);
    mount(view, h('section.stack', h('h1', `Block ${block.height} of ${node}`), picker,
      h('div.card', h('table', h('tbody',
        h('tr', h('th', 'Hash'), h('td.hash', block.hash)),
        h('tr', h('th', 'Previous'), h('td.hash', h('a', { href: `#/chain/${node}/block/${block.previous_hash}` }, block.previous_hash))),
        h('tr', h('th', 'Time'), h('td', dateTime(block.timestamp_ms))),
        h('tr', h('th', 'Bits / nonce'), h('td', `${block.bits} / ${block.nonce}`)),
        h('tr', h('th', 'Merkle root'), h('td.hash', block.merkle_root))))),
      h('div.card', h('h2', `${block.transactions.length} transactions`), transactionTable(block.transactions, money))));
    return;
  }

  let summary;
  try {
    summary = await get(path`/api/nodes/${node}`);
  } catch (error) {
    if (error.code !== 'unknown_node') throw error;
    const create = node === mine ? h('button', { type: 'button', id: 'create-node', on: { click: async () => {
      await put(path`/api/nodes/${node}`);
      location.hash = `#/chain/${node}`;
      dispatchEvent(new HashChangeEvent('hashchange'));
    } } }, `Create my node "${node}"`) : null;
    mount(view, h('section.stack', h('h1', 'Chain explorer'), picker, h('p', { id: 'no-node' }, `There is no node "${node}" yet. `, create)));
    return;
  }

  const blocks = h('tbody', { id: 'blocks' });
  const more = h('button.secondary', { type: 'button', id: 'older-blocks', hidden: true }, 'Older blocks');
  let lowest = summary.height + 1;
  async function loadBlocks() {
    const from = Math.max(0, lowest - PAGE);
    const page = await get(path`/api/nodes/${node}/chain?from=${from}&limit=${lowest - from}`);
    for (const b of [...page.blocks].reverse()) {
      blocks.append(h('tr', { dataset: { height: b.height } },
        h('td', String(b.height)), h('td.hash', h('a', { href: `#/chain/${node}/block/${b.hash}` }, short(b.hash))),
        h('td', dateTime(b.timestamp_ms)), h('td', String(b.transactions.length))));
    }
    lowest = from;
    more.hidden = lowest === 0;
  }
  more.addEventListener('click', () => loadBlocks());

  const mempool = await get(path`/api/nodes/${node}/mempool`);
  const owner = summary.owner_id === session.userId;
  const actions = owner ? ownerActions(node) : h('p.muted', summary.owner_id ? `Owned by ${summary.owner_id}: only the owner mines, adds peers and resolves here.` : '');

  mount(view, h('section.stack', h('h1', `Node ${node}`), picker,
    h('div.card', h('table', { id: 'node-summary' }, h('tbody',
      h('tr', h('th', 'Height'), h('td', { id: 'node-height' }, String(summary.height))),
      h('tr', h('th', 'Tip'), h('td.hash', summary.tip_hash)),
      h('tr', h('th', 'Work'), h('td', summary.cumulative_work)),
      h('tr', h('th', 'Peers'), h('td', summary.peers.length ? summary.peers.map((p) => p.node_id).join(', ') : 'none')),
      h('tr', h('th', 'Mining'), h('td', summary.continuous_mining ? 'continuously' : 'on request')),
      h('tr', h('th', 'Wallet'), h('td.hash', summary.wallet_address))))),
    actions,
    h('div.card', h('h2', 'Blocks'), h('table', h('thead', h('tr', h('th', 'Height'), h('th', 'Hash'), h('th', 'Time'), h('th', 'Transactions'))), blocks), more),
    h('div.card', h('h2', `Mempool (${mempool.length})`), transactionTable(mempool, money))));
  await loadBlocks();
}

function transactionTable(transactions, money) {
  if (!transactions.length) return h('p.muted', 'None.');
  return h('table', h('thead', h('tr', h('th', 'Id'), h('th', 'From'), h('th', 'To'), h('th', 'Amount'), h('th', 'Memo'))),
    h('tbody', transactions.map((t) => h('tr',
      h('td.hash', short(t.id)), h('td.hash', t.is_coinbase ? 'coinbase' : short(t.data.from)), h('td.hash', short(t.data.to)),
      h('td', money(t.data.amount)), h('td', t.data.memo ?? '')))));
}

function ownerActions(node) {
  const output = h('p', { role: 'status', id: 'node-action-result' });
  const run = (label, id, action) => h('button', { type: 'button', id, on: { click: async () => {
    output.className = '';
    output.textContent = `${label}…`;
    try {
      output.textContent = await action();
      output.className = 'ok';
      setTimeout(() => dispatchEvent(new HashChangeEvent('hashchange')), 600);
    } catch (error) {
      output.className = 'error';
      output.textContent = describe(error);
    }
  } } }, label);
  const peers = h('form.row', { id: 'peers-form' }, h('label.inline', 'Peers', h('input', { name: 'peers', placeholder: 'lisi, wangwu' })), h('button.secondary', { type: 'submit' }, 'Register peers'));
  submit(peers, output, async (data) => {
    const list = String(data.get('peers')).split(/[\s,]+/).filter(Boolean);
    await post(path`/api/nodes/${node}/peers`, { peers: list });
    output.className = 'ok';
    output.textContent = `Peers registered: ${list.join(', ')}.`;
  });
  return h('div.card.stack', { id: 'node-actions' }, h('h2', 'Your node'),
    h('div.row',
      run('Mine a block', 'mine', async () => `Mined block ${(await post(path`/api/nodes/${node}/mine`, {})).height}.`),
      run('Resolve conflicts', 'resolve', async () => ((await post(path`/api/nodes/${node}/resolve`)).replaced ? 'Our chain was replaced.' : 'Our chain is authoritative.'))),
    peers, output);
}
