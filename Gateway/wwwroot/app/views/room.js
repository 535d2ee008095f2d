// A chat room: history with "load older", live messages (with their uploads), the composer with attachments, red packets,
// tips, and the operator tools.
import { get, post, put, patch, del, path, info, coins, units, session, upload } from '../api.js';
import { h, mount, submit, describe, toast, time } from '../ui.js';
import { onLive } from '../live.js';
import { mediaShelf, size } from '../media.js';
import { state, refreshMyGroups, renderMyGroups } from '../store.js';

const PAGE = 50;
const TYPES = ['text', 'image', 'audio', 'video', 'file', 'link', 'contact'];
/** Types whose content can be an upload (POST /api/uploads answers which of them a file is). */
const UPLOADS = ['image', 'audio', 'video', 'file'];

export async function roomView(view, groupId) {
  const chain = await info();
  const money = (u) => `${coins(u, chain.units_per_coin)} coins`;
  let group = await get(path`/api/groups/${groupId}`);
  await refreshMyGroups();
  const me = () => state.myGroups.get(groupId);
  const shown = new Map();
  let oldest = null;
  let newest = 0;
  let disposed = false;
  const shelf = mediaShelf();

  const title = h('h1', { id: 'room-title' }, group.settings.name);
  const status = h('div.row', { id: 'room-status' });
  const list = h('ul.messages', { id: 'messages', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const older = h('button.secondary.small', { type: 'button', id: 'load-older', hidden: true }, 'Load older messages');
  // Media take their height when the bytes arrive, after the list was scrolled to the newest: it stays there if it was.
  let pinned = true;
  list.addEventListener('scroll', () => { pinned = list.scrollTop + list.clientHeight >= list.scrollHeight - 40; });
  const growing = new ResizeObserver(() => { if (pinned) list.scrollTop = list.scrollHeight; });
  const notes = h('div', { id: 'room-notes' });
  const body = h('div.stack');
  mount(view, h('section.stack', title, h('p.muted', group.settings.description ?? ''), status, body));

  function isModerator() { return ['owner', 'operator'].includes(me()?.role); }

  function renderStatus(extra) {
    const membership = me();
    const price = group.settings.join_price;
    mount(status,
      h('span.muted', `${group.member_count} members`),
      membership ? h('span', { id: 'my-role' }, `You are ${membership.role === 'member' ? 'a member' : 'the ' + membership.role}`) : null,
      membership
        ? h('button.secondary.small', { type: 'button', id: 'leave', on: { click: leave } }, 'Leave')
        : h('button', { type: 'button', id: 'join', on: { click: join } }, price ? `Join for ${money(price)}` : 'Join'),
      extra ?? null);
  }

  async function join() {
    const output = h('span.error', { role: 'alert', id: 'join-error' });
    try {
      const answer = await post(path`/api/groups/${groupId}/members`);
      if (answer.status === 'pending') {
        renderStatus(h('span.notice', { id: 'join-pending' }, `Payment of ${money(answer.amount)} sent; you join after ${answer.confirmations_required} confirmation(s)…`));
        while (!disposed) {
          await new Promise((r) => setTimeout(r, 1000));
          await refreshMyGroups();
          if (me()) break;
        }
      } else {
        await refreshMyGroups();
      }
      group = await get(path`/api/groups/${groupId}`);
      await render();
    } catch (error) {
      output.textContent = describe(error);
      renderStatus(output);
    }
  }

  async function leave() {
    await del(path`/api/groups/${groupId}/members/me`);
    await refreshMyGroups();
    group = await get(path`/api/groups/${groupId}`);
    await render();
  }

  function messageItem(m) {
    const own = !!m.sender_id && m.sender_id === session.userId;
    const item = h(`li.${m.kind}.${m.type}`, { dataset: { seq: m.seq } });
    fillMessage(item, m, own);
    return item;
  }

  function fillMessage(item, m, own) {
    item.classList.toggle('recalled', !!m.recalled);
    const actions = [];
    if (!m.recalled && m.kind === 'message' && (own || isModerator()) && me())
      actions.push(h('button.secondary.small', { type: 'button', 'aria-label': `Recall message ${m.seq}`, on: { click: () => recall(m.seq) } }, 'Recall'));
    if (!m.recalled && m.kind === 'message' && !own && m.type !== 'red_packet' && me())
      actions.push(h('button.secondary.small', { type: 'button', 'aria-label': `Tip message ${m.seq}`, on: { click: () => tipForm(item, m) } }, 'Tip'));
    const content = [];
    if (m.recalled) content.push(h('span.text', 'This message was recalled.'));
    else if (m.type === 'red_packet') content.push(redPacket(m));
    else {
      const media = m.media ? shelf.view(m.type, m.media) : null;
      if (media) { content.push(media); growing.observe(media); }
      if (m.text) content.push(h('span.text', m.text));
      if (m.url && /^https?:\/\//i.test(m.url)) content.push(' ', h('a', { href: m.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, m.url));
      if (m.contact) content.push(' ', h('span', `Contact: ${m.contact}`));
    }
    item.replaceChildren(
      h('div.meta', h('strong', m.kind === 'message' ? (m.sender_name ?? '') : m.kind === 'private' ? 'Only you' : 'Notice'),
        h('span', `#${m.seq ?? ''}`), m.sent_at ? h('time', { datetime: m.sent_at }, time(m.sent_at)) : null, actions),
      h('div', content));
  }

  function redPacket(m) {
    const box = h('div.row');
    const result = h('span', { class: 'packet-result' });
    const open = h('button', { type: 'button', class: 'open-packet', on: { click: async () => {
      try {
        const claim = await post(`${m.url}/claims`);
        result.className = 'ok packet-result';
        result.textContent = `You got ${money(claim.amount)}!`;
        open.disabled = true;
      } catch (error) {
        result.className = 'error packet-result';
        result.textContent = describe(error);
      }
    } } }, 'Open red packet');
    const details = h('button.secondary.small', { type: 'button', on: { click: async () => {
      const packet = await get(m.url);
      const rows = packet.claims.map((c) => h('tr', h('td', c.username), h('td', money(c.amount)), h('td', c.confirmations ? 'paid' : 'paying…')));
      box.after(h('table.packet-claims', h('caption', `${packet.claimed_count} of ${packet.count} shares taken (${money(packet.claimed_total)} of ${money(packet.total)})`),
        h('thead', h('tr', h('th', 'Who'), h('th', 'Share'), h('th', 'Payout'))), h('tbody', rows)));
      details.disabled = true;
    } } }, 'Who got what');
    box.append(h('span', `Red packet from ${m.sender_name}: ${m.text || ''}`), open, details, result);
    return box;
  }

  function tipForm(item, m) {
    if (item.querySelector('form')) return;
    const output = h('span.error', { role: 'alert' });
    const form = h('form.row', { 'aria-label': `Tip ${m.sender_name}` },
      h('label.inline', 'Coins', h('input', { name: 'amount', inputmode: 'decimal', size: 6, required: true })),
      h('button.small', { type: 'submit' }, 'Send tip'), output);
    submit(form, output, async (data) => {
      const amount = units(data.get('amount'), chain.units_per_coin);
      if (!amount) throw new Error('Give an amount of coins, e.g. 0.5.');
      await post(path`/api/groups/${groupId}/messages/${m.seq}/tips`, { amount, client_id: crypto.randomUUID() });
      form.replaceWith(h('span.ok', `You tipped ${money(amount)}.`));
    });
    item.append(form);
    form.querySelector('input').focus();
  }

  async function recall(seq) {
    try {
      await del(path`/api/groups/${groupId}/messages/${seq}`);
    } catch (error) {
      toast(describe(error));
    }
  }

  /** A note only this user sees (a command's answer, the welcome text): kept beside the history, not in it. */
  function privateNote(text) {
    notes.append(h('p.private', h('strong', 'Only you: '), text ?? ''));
  }

  function add(m, where = 'end') {
    if (m.kind === 'recall') {
      const target = shown.get(m.recall_of);
      if (target) { target.message.recalled = true; fillMessage(target.item, target.message, target.own); }
      newest = Math.max(newest, m.seq);
      return;
    }
    if (m.seq != null && shown.has(m.seq)) return;
    const item = messageItem(m);
    if (m.seq != null) shown.set(m.seq, { item, message: m, own: !!m.sender_id && m.sender_id === session.userId });
    // In sequence order, whatever arrives first (a live event can overtake the history page it belongs after).
    const next = m.seq == null ? null : [...list.children].find((li) => li.dataset.seq && Number(li.dataset.seq) > m.seq);
    if (next) list.insertBefore(item, next);
    else if (where === 'start') list.prepend(item);
    else list.append(item);
    if (m.seq != null) {
      newest = Math.max(newest, m.seq);
      oldest = oldest == null ? m.seq : Math.min(oldest, m.seq);
    }
  }

  let readTimer;
  let readPending = false;
  /** Saves the read marker a moment after the last message shown (and at once when the room is left). */
  function markRead() {
    readPending = true;
    clearTimeout(readTimer);
    readTimer = setTimeout(saveRead, 300);
  }

  async function saveRead() {
    clearTimeout(readTimer);
    if (!readPending || !me() || !newest) return;
    readPending = false;
    const seq = newest;
    const g = me();
    g.unread = 0;
    g.last_read_seq = seq;
    g.last_seq = Math.max(g.last_seq, seq);
    renderMyGroups();
    try {
      await put(path`/api/groups/${groupId}/read`, { seq });
    } catch { /* the marker is a convenience; the next message shown saves it again */ }
  }

  async function loadOlder() {
    const page = await get(path`/api/groups/${groupId}/messages?before=${oldest}&limit=${PAGE}`);
    const before = list.scrollHeight;
    for (const m of page.messages) add(m, 'start');
    older.hidden = page.messages.length < PAGE || oldest <= 1;
    list.scrollTop += list.scrollHeight - before;
  }
  older.addEventListener('click', () => loadOlder().catch((e) => toast(describe(e))));

  /** Posts a draft; the message (or a command's private answer) is shown at once. */
  async function send(draft) {
    let answer;
    try {
      answer = await post(path`/api/groups/${groupId}/messages`, draft);
    } catch (error) {
      // Removed or banned meanwhile: the list of groups and the room's header say so too.
      if (['not_member', 'banned'].includes(error.code)) refreshMyGroups().then(() => renderStatus()).catch(() => {});
      throw error;
    }
    if (answer && answer.command) privateNote(answer.text);
    else if (answer) add(answer);
    list.scrollTop = list.scrollHeight;
    markRead();
  }

  function composer() {
    const allowed = (group.settings.allowed_types ?? TYPES).filter((t) => t !== 'red_packet');
    const output = h('p.error', { role: 'alert', id: 'post-error' });
    const type = h('select', { name: 'type', 'aria-label': 'Message type' }, allowed.map((t) => h('option', { value: t }, t)));
    const text = h('input', { name: 'text', placeholder: 'Write a message, or /INFO', 'aria-label': 'Message', autocomplete: 'off' });
    const url = h('input', { name: 'url', type: 'url', placeholder: 'https://…', 'aria-label': 'Link', hidden: true });
    type.addEventListener('change', () => { url.hidden = !['image', 'audio', 'video', 'file', 'link'].includes(type.value); text.placeholder = type.value === 'contact' ? 'Contact details' : 'Write a message, or /INFO'; });
    // Attach: the button opens the browser's file picker; the chosen file is uploaded, then posted as its kind.
    const picker = h('input', { type: 'file', id: 'attach-file', 'aria-label': 'File to attach', hidden: true });
    const attach = h('button.secondary', { type: 'button', id: 'attach', title: 'Send a picture, sound, video or other file (what you typed goes with it)',
      hidden: !UPLOADS.some((t) => allowed.includes(t)), on: { click: () => picker.click() } }, 'Attach');
    const progress = h('p.muted', { role: 'status', id: 'upload-status', hidden: true });
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      picker.value = '';
      if (file) sendFile(file);
    });
    const form = h('form.composer', { id: 'composer', 'aria-label': 'Send a message' }, type, text, attach, h('button', { type: 'submit' }, 'Send'), url, picker);
    submit(form, output, async (data) => {
      const draft = { client_id: crypto.randomUUID(), type: data.get('type') };
      if (draft.type === 'contact') draft.contact = data.get('text'); else draft.text = data.get('text') || null;
      if (!url.hidden) draft.url = data.get('url') || null;
      await send(draft);
      form.reset();
      url.hidden = true;
      text.focus();
    });

    async function sendFile(file) {
      if (attach.disabled) {
        output.textContent = 'Wait until the file being sent is in the chat, then attach the next.';
        return;
      }
      attach.disabled = true;
      output.className = 'error';
      output.textContent = '';
      progress.hidden = false;
      progress.textContent = `Uploading ${file.name} (${size(file.size)})…`;
      try {
        const uploaded = await upload(file);
        progress.textContent = `Sending ${file.name}…`;
        // A kind the group does not take may still go as a file (the server refuses it in words otherwise).
        const kind = allowed.includes(uploaded.kind) || !allowed.includes('file') ? uploaded.kind : 'file';
        const caption = type.value === 'contact' ? '' : text.value.trim();
        await send({ client_id: crypto.randomUUID(), type: kind, upload_id: uploaded.upload_id, text: caption || null });
        if (caption) text.value = '';
      } catch (error) {
        output.textContent = describe(error);
      } finally {
        progress.hidden = true;
        progress.textContent = '';
        attach.disabled = false;
        attach.focus();
      }
    }

    return h('div', form, progress, output);
  }

  function packetForm() {
    const output = h('p.error', { role: 'alert' });
    const form = h('form.stack', { id: 'red-packet-form' },
      h('div.row',
        h('label', 'Total (coins)', h('input', { name: 'total', inputmode: 'decimal', required: true, size: 8 })),
        h('label', 'Shares', h('input', { name: 'count', type: 'number', min: 1, required: true, value: 1, size: 4 })),
        h('label', 'Split', h('select', { name: 'mode' }, h('option', { value: 'random' }, 'random'), h('option', { value: 'equal' }, 'equal'))),
        h('label', 'Greeting', h('input', { name: 'greeting', maxlength: 200, value: '恭喜发财' }))),
      h('button', { type: 'submit' }, 'Send red packet'), output);
    submit(form, output, async (data) => {
      const total = units(data.get('total'), chain.units_per_coin);
      if (!total) throw new Error('Give the total in coins, e.g. 1.5.');
      await post(path`/api/groups/${groupId}/red-packets`, { total, count: Number(data.get('count')), mode: data.get('mode'), greeting: data.get('greeting'), client_id: crypto.randomUUID() });
      output.className = 'ok';
      output.textContent = 'Red packet paid; it appears in the chat once the payment is confirmed.';
    });
    return h('details.tools', h('summary', 'Send a red packet'), form);
  }

  function operatorTools() {
    const s = group.settings;
    const output = h('p', { role: 'status', id: 'settings-result' });
    const rate = s.rate_limit ?? {};
    const templates = s.templates ?? {};
    const settings = h('form.stack', { id: 'settings-form' },
      h('fieldset', h('legend', 'Allowed message types'),
        h('div.row', [...TYPES, 'red_packet'].map((t) => h('label.inline', h('input', { type: 'checkbox', name: 'allowed', value: t, checked: (s.allowed_types ?? TYPES).includes(t) }), t)))),
      h('fieldset', h('legend', 'Rate limit per member'), h('div.row',
        h('label', 'Messages', h('input', { name: 'messages', type: 'number', min: 0, value: rate.messages ?? 0 })),
        h('label', 'Per seconds', h('input', { name: 'period_seconds', type: 'number', min: 0, value: rate.period_seconds ?? 0 })),
        h('label', 'Burst', h('input', { name: 'burst', type: 'number', min: 0, value: rate.burst ?? 0 })))),
      h('div.row',
        h('label.inline', h('input', { type: 'checkbox', name: 'mute_all', checked: !!s.mute_all }), 'Mute everyone (operators may still post)'),
        h('label.inline', h('input', { type: 'checkbox', name: 'link_filter', checked: !!s.link_filter }), 'Refuse links'),
        h('label.inline', h('input', { type: 'checkbox', name: 'detect_qr', checked: !!s.detect_qr }), 'Refuse pictures with QR codes (operators may still post them)')),
      h('label', 'Welcome text (sent privately on joining)', h('input', { name: 'welcome_text', value: s.welcome_text ?? '' })),
      h('div.row',
        h('label', 'Too-frequent template', h('input', { name: 'too_frequent', value: templates.too_frequent ?? '' })),
        h('label', 'Mute notice template', h('input', { name: 'mute_notice', value: templates.mute_notice ?? '' })),
        h('label', 'Join notice template', h('input', { name: 'join_notice', value: templates.join_notice ?? '' })),
        h('label', 'QR refusal template', h('input', { name: 'qr_refused', value: templates.qr_refused ?? '' }))),
      h('label', 'Join price in coins (empty: free)', h('input', { name: 'join_price', inputmode: 'decimal', value: s.join_price ? coins(s.join_price, chain.units_per_coin) : '' })),
      h('button', { type: 'submit' }, 'Save settings'), output);
    submit(settings, output, async (data) => {
      const price = (data.get('join_price') || '').trim();
      const joinPrice = price ? units(price, chain.units_per_coin) : 0;
      if (joinPrice === null) throw new Error('The join price must be a number of coins.');
      group = await patch(path`/api/groups/${groupId}`, {
        allowed_types: data.getAll('allowed'),
        rate_limit: { messages: Number(data.get('messages')), period_seconds: Number(data.get('period_seconds')), burst: Number(data.get('burst')) },
        mute_all: data.get('mute_all') === 'on',
        link_filter: data.get('link_filter') === 'on',
        detect_qr: data.get('detect_qr') === 'on',
        welcome_text: data.get('welcome_text'),
        templates: { too_frequent: data.get('too_frequent') || null, mute_notice: data.get('mute_notice') || null, join_notice: data.get('join_notice') || null, qr_refused: data.get('qr_refused') || null },
        join_price: joinPrice,
      });
      output.className = 'ok';
      output.textContent = 'Settings saved.';
    });

    const peopleOutput = h('p', { role: 'status', id: 'people-result' });
    const who = h('input', { name: 'user', placeholder: 'username', 'aria-label': 'Username', required: true });
    const act = (label, method, route, done) => h('button.secondary', { type: 'button', on: { click: async () => {
      peopleOutput.className = '';
      try {
        const user = who.value.trim().toLowerCase();
        if (!user) throw new Error('Type a username first.');
        await method(route(user));
        peopleOutput.className = 'ok';
        peopleOutput.textContent = done(user);
        group = await get(path`/api/groups/${groupId}`);
      } catch (error) {
        peopleOutput.className = 'error';
        peopleOutput.textContent = describe(error);
      }
    } } }, label);
    const people = h('div.stack', { id: 'people-tools' }, h('div.row', who,
      me()?.role === 'owner' ? act('Make operator', put, (u) => path`/api/groups/${groupId}/operators/${u}`, (u) => `${u} is an operator.`) : null,
      me()?.role === 'owner' ? act('Remove operator', del, (u) => path`/api/groups/${groupId}/operators/${u}`, (u) => `${u} is no longer an operator.`) : null,
      act('Kick', del, (u) => path`/api/groups/${groupId}/members/${u}`, (u) => `${u} was removed from the group.`),
      act('Ban', put, (u) => path`/api/groups/${groupId}/bans/${u}`, (u) => `${u} is banned.`),
      act('Unban', del, (u) => path`/api/groups/${groupId}/bans/${u}`, (u) => `${u} is no longer banned.`)), peopleOutput);
    return h('details.tools', { id: 'operator-tools' }, h('summary', 'Operator tools'), settings, h('h2', 'Members'), people);
  }

  async function subscription(subscribe) {
    if (subscribe) await post(path`/api/groups/${groupId}/subscription`); else await del(path`/api/groups/${groupId}/subscription`);
    await render();
  }

  async function render() {
    shown.clear(); oldest = null; newest = 0;
    list.replaceChildren();
    renderStatus();
    if (!me()) {
      mount(body, h('p.muted', { id: 'not-member' }, group.settings.join_price
        ? `Joining costs ${money(group.settings.join_price)}, paid from your wallet to the group's treasury.`
        : 'Join to read and write in this group.'));
      return;
    }
    let page;
    try {
      const last = group.last_seq;
      page = last > 0 ? await get(path`/api/groups/${groupId}/messages?before=${last + 1}&limit=${PAGE}`) : { messages: [] };
    } catch (error) {
      if (error.code === 'unsubscribed') {
        mount(body, h('p', { id: 'unsubscribed' }, 'You unsubscribed from this group. ',
          h('button', { type: 'button', id: 'subscribe', on: { click: () => subscription(true) } }, 'Subscribe again')));
        return;
      }
      throw error;
    }
    for (const m of [...page.messages].reverse()) add(m);
    older.hidden = page.messages.length < PAGE;
    mount(body, older, list, notes, composer(),
      h('div.row', h('button.secondary.small', { type: 'button', id: 'unsubscribe', on: { click: () => subscription(false) } }, 'Unsubscribe')),
      group.settings.allowed_types?.includes('red_packet') !== false ? packetForm() : null,
      isModerator() ? operatorTools() : null);
    list.scrollTop = list.scrollHeight;
    markRead();
  }

  const stop = onLive((kind, data) => {
    if (!data || data.group_id !== groupId) return;
    if (kind === 'message' || kind === 'system' || kind === 'recall') {
      if (!me() || !list.isConnected) return;
      const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 40;
      add(data);
      if (atBottom) list.scrollTop = list.scrollHeight;
      markRead();
    } else if (kind === 'private') {
      privateNote(data.text);
    } else if (kind === 'subscription') {
      render().catch(() => {});
    }
  });

  state.current = groupId;
  if (me()) { me().unread = 0; renderMyGroups(); }
  await render();
  return () => { disposed = true; stop(); saveRead(); growing.disconnect(); shelf.dispose(); };
}
