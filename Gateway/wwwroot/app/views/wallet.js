// The wallet: address, confirmed and pending balance, recent transactions, send, and test coins from the faucet.
import { get, post, info, coins, units } from '../api.js';
import { h, mount, submit, short } from '../ui.js';

export async function walletView(view) {
  const chain = await info();
  const money = (u) => `${coins(u, chain.units_per_coin)} coins`;
  const summary = h('div.card.stack', { id: 'wallet-summary' });
  const history = h('tbody');
  let timer;

  async function refresh() {
    const wallet = await get('/api/me/wallet?limit=20');
    mount(summary,
      h('div', h('span.muted', 'Address '), h('span.hash', { id: 'wallet-address' }, wallet.address)),
      h('div.row',
        h('strong', { id: 'confirmed-balance' }, money(wallet.confirmed_balance)), h('span.muted', 'confirmed'),
        h('span', { id: 'pending-balance' }, money(wallet.pending_balance)), h('span.muted', 'including pending')),
      wallet.custody === 'self' ? h('p.muted', 'You hold this wallet\'s key: sign transactions yourself (docs/chain.md).') : null);
    mount(history, wallet.recent.length ? wallet.recent.map((t) => h('tr',
      h('td', t.from === wallet.address ? 'sent' : 'received'),
      h('td', money(t.amount)),
      h('td.hash', short(t.from === wallet.address ? t.to : t.from)),
      h('td', t.memo ?? ''),
      h('td', t.confirmations ? `${t.confirmations} confirmations` : 'pending'))) : h('tr', h('td.muted', { colspan: 5 }, 'No transactions yet.')));
  }

  const sendOutput = h('p.error', { role: 'alert', id: 'send-result' });
  const send = h('form.card.stack', { id: 'send-form' }, h('h2', 'Send coins'),
    h('div.row',
      h('label', 'To (username or address)', h('input', { name: 'to', required: true })),
      h('label', 'Coins', h('input', { name: 'amount', inputmode: 'decimal', required: true, size: 10 }))),
    h('button', { type: 'submit' }, 'Send'), sendOutput);
  submit(send, sendOutput, async (data) => {
    const amount = units(data.get('amount'), chain.units_per_coin);
    if (!amount) throw new Error('Give an amount of coins, e.g. 1.5.');
    await post('/api/me/wallet/transfers', { to: data.get('to').trim(), amount, client_id: crypto.randomUUID() });
    sendOutput.className = 'ok';
    sendOutput.textContent = `Sent ${money(amount)}; it counts once confirmed.`;
    send.reset();
    await refresh();
  });

  const faucetOutput = h('span', { role: 'status', id: 'faucet-result' });
  const faucet = h('button.secondary', { type: 'button', id: 'faucet', hidden: !chain.faucet_enabled, on: { click: async () => {
    faucetOutput.className = '';
    faucetOutput.textContent = '';
    try {
      const receipt = await post('/api/me/wallet/faucet');
      faucetOutput.className = 'ok';
      faucetOutput.textContent = `${money(receipt.amount)} on the way.`;
      await refresh();
    } catch (error) {
      faucetOutput.className = 'error';
      faucetOutput.textContent = error.message;
    }
  } } }, 'Get test coins');

  mount(view, h('section.stack', h('h1', 'Wallet'), summary, h('div.row', faucet, faucetOutput), send,
    h('div.card', h('h2', 'Recent transactions'),
      h('table', { id: 'wallet-history' }, h('thead', h('tr', h('th', ''), h('th', 'Amount'), h('th', 'With'), h('th', 'Memo'), h('th', 'Status'))), history))));
  await refresh();
  timer = setInterval(() => refresh().catch(() => {}), 3000);
  return () => clearInterval(timer);
}
