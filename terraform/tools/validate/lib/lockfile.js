'use strict';
// The dependency lock file of a root module (.terraform.lock.hcl): committed, naming every provider the module and
// its child modules require, at a version every constraint admits, with the constraints line `terraform init`
// writes (so init leaves the file as it is) and well-formed hashes. Whether the hashes are the registry's cannot be
// known offline; `terraform init` checks them against the downloaded packages.

const fs = require('node:fs');
const path = require('node:path');
const hcl2json = require('@cdktf/hcl2json');
const { entryMap, blockItems, lit } = require('./plan');
const { satisfies, terraformSettings } = require('./static');

const LOCK_FILE = '.terraform.lock.hcl';
const H1 = /^h1:[A-Za-z0-9+/]{43}=$/;
const ZH = /^zh:[0-9a-f]{64}$/;

function parseVersion(s) {
  return s.split('.').map((x) => Number.parseInt(x, 10) || 0).concat([0, 0, 0]).slice(0, 3);
}

function cmp(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// Terraform's canonical form of a set of version constraints (getproviders.VersionConstraintsString): each term
// normalised ("~> 6" is "~> 6.0", others get three components), duplicates dropped, sorted by version, then by
// operator.
const OPERATOR_ORDER = ['!=', '<', '<=', '=', '>', '>=', '~>', '~>.'];

function canonicalConstraints(constraints) {
  const terms = new Map();
  for (const c of constraints.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    const m = /^(>=|<=|>|<|=|!=|~>)?\s*v?([0-9][0-9.]*)$/.exec(c);
    if (!m) continue;
    const op = m[1] || '=';
    const segs = m[2].split('.').length;
    const v = parseVersion(m[2]);
    let text;
    let order;
    if (op === '~>' && segs <= 2) {
      text = `~> ${v[0]}.${v[1]}`;
      order = '~>';
    } else {
      text = `${op === '=' ? '' : `${op} `}${v.join('.')}`;
      order = op === '~>' ? '~>.' : op;
    }
    terms.set(text, { text, v, order });
  }
  return [...terms.values()]
    .sort((a, b) => cmp(a.v, b.v) || OPERATOR_ORDER.indexOf(a.order) - OPERATOR_ORDER.indexOf(b.order))
    .map((t) => t.text)
    .join(', ');
}

// Provider address => { constraints: [...], modules: [...] } for a root module and the local modules it calls.
function requiredProviders(dir, compiled, loader, seen = new Set()) {
  const out = new Map();
  const visit = (moduleDir, mod) => {
    if (seen.has(moduleDir)) return;
    seen.add(moduleDir);
    const rp = blockItems(terraformSettings(mod).get('required_providers'))[0];
    for (const [name, node] of rp ? entryMap(rp) : new Map()) {
      const spec = node.kind === 'object' ? entryMap(node) : new Map();
      const source = lit(spec.get('source')) ?? `hashicorp/${name}`;
      const address = source.split('/').length === 2 ? `registry.terraform.io/${source}` : source;
      const entry = out.get(address) ?? { name, constraints: [], modules: [] };
      const version = lit(spec.get('version'));
      if (typeof version === 'string') entry.constraints.push(version);
      entry.modules.push(path.relative(dir, moduleDir) || '.');
      out.set(address, entry);
    }
    for (const call of mod.modules.values()) {
      const source = lit(call.entries.get('source'));
      if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) continue;
      const childDir = path.resolve(moduleDir, source);
      const child = loader.cache.get(childDir);
      if (child) visit(childDir, child);
    }
  };
  visit(path.resolve(dir), compiled);
  return out;
}

async function checkLockFile(dir, compiled, loader, diagnostics) {
  const file = path.join(dir, LOCK_FILE);
  const where = { file: path.relative(process.cwd(), file) };
  if (!fs.existsSync(file)) {
    diagnostics.error('lockfile', where, `no ${LOCK_FILE}: commit the lock file terraform init writes, so every environment and CI install the same provider builds`);
    return;
  }
  let json;
  try {
    json = await hcl2json.parse(LOCK_FILE, fs.readFileSync(file, 'utf8'));
  } catch (err) {
    diagnostics.error('lockfile', where, `${LOCK_FILE} is not valid HCL: ${err.message.split('\n')[0]}`);
    return;
  }
  const locked = new Map(Object.entries(json.provider ?? {}).map(([address, bodies]) => [address, bodies[0]]));
  const required = requiredProviders(dir, compiled, loader);
  for (const [address, req] of required) {
    const entry = locked.get(address);
    if (!entry) {
      diagnostics.error('lockfile', where, `${LOCK_FILE} does not lock ${address}, which ${req.modules.join(', ')} require${req.modules.length === 1 ? 's' : ''}; run terraform init (or terraform providers lock) and commit the file`);
      continue;
    }
    const version = entry.version;
    for (const c of req.constraints) {
      if (typeof version !== 'string' || !satisfies(version, c)) {
        diagnostics.error('lockfile', where, `${address} is locked at ${version}, which the constraint "${c}" excludes; run terraform init -upgrade and commit the file`);
      }
    }
    const expected = canonicalConstraints(req.constraints);
    if (entry.constraints !== expected) {
      diagnostics.error('lockfile', where, `${address}: the lock file records the constraints "${entry.constraints ?? ''}", the configuration says "${expected}"; terraform init would rewrite it, so run it and commit the file`);
    }
    const hashes = Array.isArray(entry.hashes) ? entry.hashes : [];
    const bad = hashes.filter((h) => !H1.test(h) && !ZH.test(h));
    if (hashes.length === 0 || bad.length > 0) {
      diagnostics.error('lockfile', where, `${address}: ${hashes.length === 0 ? 'no hashes' : `malformed hashes ${bad.join(', ')}`}; the hashes come from terraform init or terraform providers lock, never by hand`);
    }
  }
  for (const address of locked.keys()) {
    if (!required.has(address)) {
      diagnostics.error('lockfile', where, `${LOCK_FILE} locks ${address}, which no module requires any more; terraform init would drop it`);
    }
  }
}

module.exports = { checkLockFile, canonicalConstraints, LOCK_FILE };
