'use strict';
// The Fieldgate local console: plain JavaScript over the console's JSON API (/console/api/*) and GraphiQL.
(function () {
  const api = async (path, body) => {
    const response = await fetch('/console/api/' + path, body === undefined ? {} : {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    });
    const json = await response.json();
    if (!response.ok) throw new Error((json.error || response.status) + ': ' + (json.message || ''));
    return json;
  };
  const $ = (id) => document.getElementById(id);
  const text = (value) => document.createTextNode(value === undefined || value === null ? '' : String(value));
  const cell = (row, value, cls) => {
    const td = document.createElement('td');
    if (value instanceof Node) td.appendChild(value); else td.appendChild(text(value));
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  };
  const button = (label, action) => {
    const b = document.createElement('button');
    b.textContent = label;
    b.addEventListener('click', async () => { try { await action(); } catch (e) { say(e.message); } });
    return b;
  };
  const say = (message) => {
    const box = $('message');
    box.textContent = message;
    box.className = 'shown';
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { box.className = ''; }, 5000);
  };

  // Signed-in users: their ID tokens stay in this page's memory only.
  const tokens = {};
  const caller = () => {
    const value = $('caller').value;
    if (value.startsWith('user:')) return { kind: 'user', token: tokens[value.substring(5)] };
    return { kind: value };
  };

  // ---- GraphQL
  function startGraphiQL() {
    if (typeof GraphiQL === 'undefined' || typeof React === 'undefined') {
      $('graphiql-missing').hidden = false;
      return;
    }
    const fetcher = async (params) => {
      // The schema comes to GraphiQL through introspection as the administrator, whoever the caller is.
      const who = params.operationName === 'IntrospectionQuery' ? { kind: 'admin' } : caller();
      if (params.operationName !== 'IntrospectionQuery' && /^\s*subscription\b/.test(params.query)) {
        return subscribe(params, who);
      }
      const answer = await api('graphql', Object.assign({ caller: who }, params));
      return answer.body;
    };
    // ?query=... opens the editor with that document (links from docs and tests).
    const linked = new URLSearchParams(location.search).get('query');
    const element = React.createElement(GraphiQL, {
      fetcher,
      query: linked || undefined,
      defaultQuery: '# The caller is picked above; AppSync\'s answer, errors included, shows on the right.\n'
        + '{\n  listPins(limit: 5) {\n    items { id title }\n  }\n}\n'
    });
    const root = $('graphiql');
    if (ReactDOM.createRoot) ReactDOM.createRoot(root).render(element); else ReactDOM.render(element, root);
  }

  // A subscription over the stack's real-time endpoint in AppSync's protocol, as the picked caller: a user with the
  // ID token the page holds, a guest or the administrator with SigV4 headers the console signs (the page never holds
  // their keys), anonymous with none (AppSync's refusal shows). Each event shows in the result pane as it arrives.
  async function authorization(who, step, body) {
    if (who.kind === 'user') return { Authorization: who.token, host: location.host };
    if (who.kind === 'anonymous') return { host: location.host };
    return api('realtime-authorization', { caller: { kind: who.kind }, step, body });
  }

  function subscribe(params, who) {
    return {
      [Symbol.asyncIterator]() {
        const queue = [];
        let wake = null;
        let done = false;
        let ws = null;
        const push = (item) => { queue.push(item); if (wake) { wake(); wake = null; } };
        const end = () => { done = true; if (wake) { wake(); wake = null; } };
        const data = JSON.stringify({ query: params.query, variables: params.variables || {} });
        (async () => {
          const connect = await authorization(who, 'connect', '{}');
          ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
            + '/graphql/realtime?header=' + btoa(JSON.stringify(connect)) + '&payload=e30=', ['graphql-ws']);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
          ws.onmessage = async (event) => {
            const message = JSON.parse(event.data);
            if (message.type === 'connection_ack') {
              const start = await authorization(who, 'start', data);
              ws.send(JSON.stringify({ id: '1', type: 'start', payload: {
                data, extensions: { authorization: start } } }));
            } else if (message.type === 'start_ack') {
              push({ data: null, extensions: { subscription: 'started: waiting for events' } });
            } else if (message.type === 'data') {
              push(message.payload);
            } else if (message.type === 'error' || message.type === 'connection_error') {
              push({ errors: (message.payload && message.payload.errors) || [{ message: message.type }] });
            }
          };
          ws.onclose = end;
        })().catch((e) => { push({ errors: [{ message: e.message }] }); end(); });
        return {
          async next() {
            while (!queue.length && !done) await new Promise((resolve) => { wake = resolve; });
            return queue.length ? { value: queue.shift(), done: false } : { value: undefined, done: true };
          },
          async return() { done = true; if (ws) ws.close(); return { value: undefined, done: true }; }
        };
      }
    };
  }

  $('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      const result = await api('signin', { username: form.username.value, password: form.password.value });
      tokens[result.username] = result.idToken;
      const option = document.createElement('option');
      option.value = 'user:' + result.username;
      option.textContent = 'user ' + result.username;
      $('caller').appendChild(option);
      $('caller').value = option.value;
      form.password.value = '';
      $('signin-status').textContent = 'signed in as ' + result.username;
    } catch (e) { say(e.message); }
  });

  // ---- Users
  let groups = [];
  async function loadUsers() {
    const rows = $('user-rows');
    rows.textContent = '';
    for (const user of await api('users')) {
      const row = document.createElement('tr');
      cell(row, user.username); cell(row, user.email); cell(row, user.status); cell(row, user.enabled ? 'yes' : 'no');
      cell(row, user.groups.join(', '));
      const actions = cell(row, '');
      for (const group of groups) {
        if (!user.groups.includes(group)) {
          actions.appendChild(button('Add to ' + group, async () => {
            await api('users/group', { username: user.username, group }); await loadUsers();
          }));
        }
      }
      if (user.enabled) {
        actions.appendChild(button('Disable', async () => {
          await api('users/disable', { username: user.username }); await loadUsers();
        }));
      }
      rows.appendChild(row);
    }
  }
  $('create-user').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      await api('users', { email: form.email.value, password: form.password.value });
      say('signed up ' + form.email.value + ': confirm with the code in the outbox');
      form.password.value = '';
      await loadUsers();
    } catch (e) { say(e.message); }
  });

  // ---- Outbox
  async function loadOutbox() {
    const rows = $('outbox-rows');
    rows.textContent = '';
    for (const m of await api('outbox')) {
      const row = document.createElement('tr');
      cell(row, new Date(m.sentAt).toLocaleTimeString()); cell(row, m.kind); cell(row, m.destination);
      cell(row, m.username); cell(row, m.code, 'code');
      const actions = cell(row, '');
      if (m.kind === 'SIGN_UP_CODE') {
        actions.appendChild(button('Confirm', async () => {
          await api('users/confirm', { username: m.username, code: m.code });
          say('confirmed ' + m.destination);
        }));
      }
      rows.appendChild(row);
    }
  }

  // ---- Identities, tables, requests, matrix, links
  async function loadIdentities() {
    const rows = $('identity-rows');
    rows.textContent = '';
    for (const i of await api('identities')) {
      const row = document.createElement('tr');
      cell(row, i.identityId); cell(row, i.kind); cell(row, i.logins.join(', ')); cell(row, i.created);
      rows.appendChild(row);
    }
  }
  async function loadTables() {
    const box = $('table-items');
    box.textContent = '';
    const tables = await api('tables');
    for (const name of Object.keys(tables)) {
      const title = document.createElement('h3');
      title.textContent = name + ' (' + tables[name].length + ' items, read only)';
      const pre = document.createElement('pre');
      pre.textContent = tables[name].map((item) => JSON.stringify(item)).join('\n');
      box.appendChild(title); box.appendChild(pre);
    }
  }
  let lastRequest = 0;
  async function loadRequests() {
    const rows = $('request-rows');
    for (const r of await api('requests?after=' + lastRequest)) {
      lastRequest = r.sequence;
      const row = document.createElement('tr');
      row.className = 'request';
      cell(row, new Date(r.time).toLocaleTimeString()); cell(row, r.service); cell(row, r.caller);
      cell(row, r.operation); cell(row, r.outcome, r.allowed ? 'allowed' : 'refused');
      cell(row, r.durationMillis.toFixed(1));
      rows.insertBefore(row, rows.firstChild);
      for (const line of r.functionLines) {
        const fn = document.createElement('tr');
        const td = cell(fn, line, 'fn'); td.colSpan = 6;
        rows.insertBefore(fn, row.nextSibling);
      }
    }
  }
  async function loadMatrix() {
    const matrix = await api('matrix');
    const table = $('matrix-table');
    table.textContent = '';
    const head = document.createElement('tr');
    cell(head, 'Type.field'); cell(head, 'operation');
    for (const c of matrix.columns) cell(head, c.id || c);
    table.appendChild(head);
    for (const r of matrix.rows) {
      const row = document.createElement('tr');
      cell(row, r.type + '.' + r.field); cell(row, r.operation);
      for (const c of matrix.columns) {
        const ok = r.allowed[c.id || c];
        cell(row, ok ? '✓' : '✗', ok ? 'allowed' : 'refused');
      }
      table.appendChild(row);
    }
  }
  async function loadOverview() {
    const o = await api('overview');
    groups = o.groups;
    $('app').textContent = o.app + ' · ' + o.region + ' · ' + o.endpoint;
    const list = $('link-list');
    list.textContent = '';
    const facts = [['GraphQL', o.graphql], ['User pool', o.userPoolId], ['Identity pool', o.identityPoolId],
      ['Local admin key id', o.adminKeyId + ' (its secret is in the state directory\'s admin-credentials file)'],
      ['Tables', o.tablePrefix + '*']];
    for (const [name, value] of facts) {
      const li = document.createElement('li');
      li.appendChild(text(name + ': ' + (value || '—')));
      list.appendChild(li);
    }
    for (const link of o.links) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = link.url; a.textContent = link.name; a.target = '_blank'; a.rel = 'noopener';
      li.appendChild(a);
      if (link.note) li.appendChild(text(' — ' + link.note));
      list.appendChild(li);
    }
  }

  const loaders = { users: loadUsers, outbox: loadOutbox, identities: loadIdentities, tables: loadTables,
    requests: loadRequests, matrix: loadMatrix, links: loadOverview };
  for (const tab of document.querySelectorAll('#tabs button')) {
    tab.addEventListener('click', async () => {
      document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b === tab));
      document.querySelectorAll('.tab').forEach((s) => s.classList.toggle('active', s.id === tab.dataset.tab));
      const load = loaders[tab.dataset.tab];
      if (load) { try { await load(); } catch (e) { say(e.message); } }
    });
  }
  setInterval(() => {
    if ($('requests').classList.contains('active')) loadRequests().catch(() => {});
  }, 1000);
  loadOverview().catch((e) => say(e.message));
  startGraphiQL();
})();
