// Sign up and sign in; the token is kept for this tab only.
import { post, session } from '../api.js';
import { h, mount, submit } from '../ui.js';
import { refreshMyGroups } from '../store.js';

export function authView(view, mode) {
  const signup = mode === 'signup';
  const output = h('p.error', { role: 'alert', id: 'auth-error' });
  const form = h('form.card.stack', { 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, signup ? 'Create an account' : 'Sign in'),
    h('label', 'Username', h('input', { name: 'username', autocomplete: 'username', required: true, minlength: 3, maxlength: 32 })),
    h('label', 'Password', h('input', { name: 'password', type: 'password', autocomplete: signup ? 'new-password' : 'current-password', required: true, minlength: 8 })),
    h('div.row', h('button', { type: 'submit' }, signup ? 'Create account' : 'Sign in'),
      signup ? h('a', { href: '#/signin' }, 'I have an account') : h('a', { href: '#/signup' }, 'Create an account')),
    output);
  submit(form, output, async (data) => {
    const credentials = { username: data.get('username'), password: data.get('password') };
    if (signup) await post('/api/accounts', credentials);
    const token = await post('/api/auth/token', credentials);
    session.set(token.access_token, credentials.username);
    await refreshMyGroups();
    location.hash = '#/groups';
  });
  mount(view, h('div.narrow', form, h('p.muted', 'Chat in groups of any size, pay and tip in coins of the project\'s own chain, and explore the chain. ',
    h('a', { href: '#/chain' }, 'Explore the chain'), ' without an account.')));
  form.querySelector('input').focus();
}
