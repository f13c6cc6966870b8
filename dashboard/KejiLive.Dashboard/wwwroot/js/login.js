// Signs a browser in: the token from the form, or from the address's fragment (#token=…, never sent to the server in
// the URL, so it stays out of logs), goes to POST /api/session, which sets an HttpOnly same-site cookie; then back to
// the page that asked (only a path on this site).

const form = document.getElementById('login');
const error = document.getElementById('login-error');

function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

async function signIn(token) {
  error.hidden = true;
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token }),
    cache: 'no-store',
  });
  if (res.ok) {
    location.replace(nextPath());
    return;
  }
  error.textContent = res.status === 401 ? '令牌无效、已吊销或已过期。' : `登录失败（${res.status}）。`;
  error.hidden = false;
}

const fragment = new URLSearchParams(location.hash.slice(1)).get('token');
if (fragment) {
  history.replaceState(null, '', location.pathname + location.search);
  signIn(fragment);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const token = document.getElementById('token').value.trim();
  if (token) signIn(token);
  else { error.textContent = '请输入访问令牌。'; error.hidden = false; }
});
