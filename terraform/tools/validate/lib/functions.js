'use strict';
// The Terraform functions the kit's configurations use, with Terraform's behaviour for known values and
// unknown ("known after apply") values. A function the evaluator does not know is an error, so a new function in
// the Terraform code is noticed rather than silently skipped.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const {
  Unknown, EncodedJson, PolicyDocument, ResourceInstance, isObject, containsUnknown, containsSecret, typeName,
  deepEqual, formatNumber, symOf,
} = require('./values');

class FunctionError extends Error {}

function fail(name, message) {
  throw new FunctionError(`${name}(): ${message}`);
}

function unknownResult(name, args) {
  return new Unknown(`${name}(${args.map(symOf).join(', ')})`, { secret: args.some(containsSecret) });
}

function str(name, v, what = 'argument') {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return fail(name, `${what} must be a string, got ${typeName(v)}`);
}

function num(name, v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return fail(name, `argument must be a number, got ${typeName(v)}`);
}

function list(name, v) {
  if (Array.isArray(v)) return v;
  return fail(name, `argument must be a list, set or tuple, got ${typeName(v)}`);
}

function obj(name, v) {
  if (isObject(v)) return v;
  return fail(name, `argument must be a map or object, got ${typeName(v)}`);
}

// Terraform (Go) regular expressions to JavaScript ones: RE2 syntax is close to JS with the `u` flag.
function toRegExp(name, pattern, global = false) {
  let p = pattern;
  let flags = global ? 'gu' : 'u';
  const inline = /^\(\?([imsU]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('s')) flags += 's';
    if (inline[1].includes('m')) flags += 'm';
  }
  p = p.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$');
  try {
    return new RegExp(p, flags);
  } catch (err) {
    try {
      return new RegExp(p, flags.replace('u', ''));
    } catch {
      return fail(name, `invalid regular expression ${JSON.stringify(pattern)}: ${err.message}`);
    }
  }
}

function regexResult(m) {
  if (m.groups && Object.keys(m.groups).length > 0) return { ...m.groups };
  if (m.length > 1) return m.slice(1).map((g) => (g === undefined ? null : g));
  return m[0];
}

// Terraform's jsonencode: object keys sorted, and <, >, & escaped as Go's encoder does.
function jsonEncode(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return JSON.stringify(v);
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  }
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${jsonEncode(k)}:${jsonEncode(v[k])}`).join(',')}}`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// Every function gets (args, env) with args already evaluated; `env.baseDir` is the directory Terraform runs in.
// Functions that cannot handle unknown arguments are wrapped by `strict`.
const strict = (fn) => (name, args, env) => (args.some(containsUnknown) ? unknownResult(name, args) : fn(name, args, env));

function resolvePath(env, p) {
  return path.resolve(env.baseDir, p);
}

const FUNCTIONS = {
  // --- strings
  join: (n, args) => {
    const [sep, ...lists] = args;
    if (sep instanceof Unknown || lists.some((l) => l instanceof Unknown)) return unknownResult(n, args);
    const items = lists.flatMap((l) => list(n, l));
    if (items.some((v) => v instanceof Unknown)) {
      // Keep the shape: "⟨a⟩|⟨b⟩" says more to the checks than "join(...)".
      return new Unknown(items.map((v) => (v instanceof Unknown ? `⟨${v.sym}⟩` : str(n, v, 'element'))).join(str(n, sep)), { secret: items.some(containsSecret) });
    }
    return items.map((v) => str(n, v, 'element')).join(str(n, sep));
  },
  split: strict((n, [sep, s]) => str(n, s).split(str(n, sep))),
  lower: strict((n, [s]) => str(n, s).toLowerCase()),
  upper: strict((n, [s]) => str(n, s).toUpperCase()),
  title: strict((n, [s]) => str(n, s).replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (m, a, b) => a + b.toUpperCase())),
  trimspace: strict((n, [s]) => str(n, s).trim()),
  trimprefix: strict((n, [s, p]) => (str(n, s).startsWith(str(n, p)) ? s.slice(p.length) : s)),
  trimsuffix: strict((n, [s, p]) => (str(n, s).endsWith(str(n, p)) ? s.slice(0, s.length - p.length) : s)),
  startswith: strict((n, [s, p]) => str(n, s).startsWith(str(n, p))),
  endswith: strict((n, [s, p]) => str(n, s).endsWith(str(n, p))),
  strcontains: strict((n, [s, p]) => str(n, s).includes(str(n, p))),
  substr: strict((n, [s, off, len]) => {
    const chars = [...str(n, s)];
    let o = num(n, off);
    if (o < 0) o = chars.length + o;
    const l = num(n, len);
    return chars.slice(o, l < 0 ? undefined : o + l).join('');
  }),
  replace: strict((n, [s, search, replacement]) => {
    const text = str(n, s);
    const needle = str(n, search);
    const repl = str(n, replacement);
    if (needle.length > 2 && needle.startsWith('/') && needle.endsWith('/')) {
      return text.replace(toRegExp(n, needle.slice(1, -1), true), repl.replace(/\$\{(\w+)\}/g, '$<$1>'));
    }
    return text.split(needle).join(repl);
  }),
  format: strict((n, [fmt, ...rest]) => {
    let i = 0;
    return str(n, fmt).replace(/%(%|[-+ 0#]*\d*(?:\.\d+)?[vsdqtfe])/g, (m, spec) => {
      if (spec === '%') return '%';
      const v = rest[i++];
      if (spec.endsWith('q')) return JSON.stringify(str(n, v));
      if (spec.endsWith('d')) return String(Math.trunc(num(n, v)));
      if (spec.endsWith('v') && (Array.isArray(v) || isObject(v))) return jsonEncode(v);
      return str(n, v);
    });
  }),
  formatlist: strict((n, [fmt, ...lists]) => {
    const len = Math.max(...lists.map((l) => (Array.isArray(l) ? l.length : 1)));
    return Array.from({ length: len }, (_, i) => FUNCTIONS.format('format', [fmt, ...lists.map((l) => (Array.isArray(l) ? l[i] : l))]));
  }),
  regex: strict((n, [pattern, s]) => {
    const m = toRegExp(n, str(n, pattern)).exec(str(n, s));
    if (!m) fail(n, `pattern ${JSON.stringify(pattern)} does not match ${JSON.stringify(s)}`);
    return regexResult(m);
  }),
  regexall: strict((n, [pattern, s]) => [...str(n, s).matchAll(toRegExp(n, str(n, pattern), true))].map(regexResult)),
  formatdate: strict((n, [spec, ts]) => {
    if (!RFC3339.test(str(n, ts))) fail(n, `"${ts}" is not a valid RFC 3339 timestamp`);
    void spec;
    return str(n, ts);
  }),
  tostring: (n, [v]) => (v instanceof Unknown ? v : v === null ? null : str(n, v)),
  tonumber: strict((n, [v]) => (v === null ? null : num(n, v))),
  tobool: strict((n, [v]) => {
    if (v === null || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return fail(n, `cannot convert ${typeName(v)} to bool`);
  }),
  sha256: strict((n, [s]) => crypto.createHash('sha256').update(str(n, s)).digest('hex')),
  base64encode: strict((n, [s]) => Buffer.from(str(n, s)).toString('base64')),

  // --- collections
  length: (n, [v]) => {
    if (v instanceof Unknown) return unknownResult(n, [v]);
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    return fail(n, `cannot take the length of ${typeName(v)}`);
  },
  keys: (n, [v]) => (v instanceof Unknown ? unknownResult(n, [v]) : Object.keys(obj(n, v)).sort()),
  values: (n, [v]) => (v instanceof Unknown ? unknownResult(n, [v]) : Object.keys(obj(n, v)).sort().map((k) => v[k])),
  lookup: (n, [m, key, dflt]) => {
    if (m instanceof Unknown || key instanceof Unknown) return unknownResult(n, [m, key]);
    const o = obj(n, m);
    if (key in o) return o[key];
    if (dflt === undefined) fail(n, `the map has no key "${key}" and no default was given`);
    return dflt;
  },
  contains: strict((n, [l, v]) => list(n, l).some((x) => deepEqual(x, v))),
  concat: (n, args) => {
    if (args.some((a) => a instanceof Unknown)) return unknownResult(n, args);
    return args.flatMap((a) => list(n, a));
  },
  flatten: (n, [l]) => {
    if (l instanceof Unknown) return unknownResult(n, [l]);
    // Unknown elements are kept as they are (the kit only flattens lists of strings).
    const out = [];
    const walk = (v) => {
      for (const x of list(n, v)) {
        if (Array.isArray(x)) walk(x); else out.push(x);
      }
    };
    walk(l);
    return out;
  },
  distinct: strict((n, [l]) => {
    const out = [];
    for (const x of list(n, l)) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  }),
  sort: strict((n, [l]) => list(n, l).map((x) => str(n, x, 'element')).sort()),
  reverse: strict((n, [l]) => [...list(n, l)].reverse()),
  compact: strict((n, [l]) => list(n, l).filter((x) => x !== null && x !== '')),
  chunklist: (n, [l, size]) => {
    if (l instanceof Unknown || size instanceof Unknown) return unknownResult(n, [l, size]);
    const s = num(n, size);
    if (s < 0) fail(n, 'the chunk size must not be negative');
    const items = list(n, l);
    if (s === 0) return [items];
    const out = [];
    for (let i = 0; i < items.length; i += s) out.push(items.slice(i, i + s));
    return out;
  },
  slice: strict((n, [l, from, to]) => list(n, l).slice(num(n, from), num(n, to))),
  element: strict((n, [l, i]) => {
    const items = list(n, l);
    if (items.length === 0) fail(n, 'cannot use element() with an empty list');
    return items[((num(n, i) % items.length) + items.length) % items.length];
  }),
  index: strict((n, [l, v]) => {
    const i = list(n, l).findIndex((x) => deepEqual(x, v));
    if (i < 0) fail(n, 'the value is not in the list');
    return i;
  }),
  one: (n, [l]) => {
    if (l instanceof Unknown) return unknownResult(n, [l]);
    const items = list(n, l);
    if (items.length > 1) fail(n, `must have zero or one elements, got ${items.length}`);
    return items.length === 0 ? null : items[0];
  },
  range: strict((n, args) => {
    let [start, end, step] = args.map((a) => num(n, a));
    if (args.length === 1) { end = start; start = 0; }
    step = step ?? (end >= start ? 1 : -1);
    const out = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  }),
  zipmap: strict((n, [ks, vs]) => Object.fromEntries(list(n, ks).map((k, i) => [str(n, k), list(n, vs)[i]]))),
  merge: (n, args) => {
    if (args.some((a) => a instanceof Unknown)) return unknownResult(n, args);
    const out = {};
    for (const a of args) {
      if (a === null) continue;
      Object.assign(out, obj(n, a));
    }
    return out;
  },
  tolist: (n, [l]) => (l instanceof Unknown ? l : l === null ? null : [...list(n, l)]),
  toset: (n, [l]) => {
    if (l instanceof Unknown || l === null) return l;
    const out = [];
    for (const x of list(n, l)) {
      const v = typeof x === 'number' || typeof x === 'boolean' ? String(x) : x;
      if (!out.some((y) => deepEqual(v, y))) out.push(v);
    }
    return out.every((x) => typeof x === 'string') ? out.sort() : out;
  },
  tomap: (n, [m]) => (m instanceof Unknown ? m : m === null ? null : { ...obj(n, m) }),
  setunion: strict((n, sets) => FUNCTIONS.toset(n, [sets.flatMap((s) => list(n, s))])),
  setintersection: strict((n, [first, ...rest]) => FUNCTIONS.toset(n, [list(n, first).filter((x) => rest.every((s) => list(n, s).some((y) => deepEqual(x, y))))])),
  setsubtract: strict((n, [a, b]) => FUNCTIONS.toset(n, [list(n, a).filter((x) => !list(n, b).some((y) => deepEqual(x, y)))])),
  alltrue: strict((n, [l]) => list(n, l).every((x) => x === true || x === 'true')),
  anytrue: strict((n, [l]) => list(n, l).some((x) => x === true || x === 'true')),
  coalesce: (n, args) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownResult(n, args);
      if (a !== null && a !== '') return a;
    }
    return fail(n, 'no non-null, non-empty argument');
  },
  coalescelist: (n, args) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownResult(n, args);
      if (Array.isArray(a) && a.length > 0) return a;
    }
    return fail(n, 'no non-empty list argument');
  },
  min: strict((n, args) => Math.min(...args.map((a) => num(n, a)))),
  max: strict((n, args) => Math.max(...args.map((a) => num(n, a)))),
  abs: strict((n, [a]) => Math.abs(num(n, a))),
  ceil: strict((n, [a]) => Math.ceil(num(n, a))),
  floor: strict((n, [a]) => Math.floor(num(n, a))),

  // --- encoding
  jsonencode: (n, [v]) => (containsUnknown(v) ? new EncodedJson(v) : jsonEncode(v)),
  jsondecode: strict((n, [s]) => {
    try {
      return JSON.parse(str(n, s));
    } catch (err) {
      return fail(n, `invalid JSON: ${err.message}`);
    }
  }),

  // --- files (relative to the directory Terraform runs in)
  file: strict((n, [p], env) => {
    const full = resolvePath(env, str(n, p));
    if (!fs.existsSync(full)) fail(n, `no file exists at "${p}" (resolved to ${full})`);
    return fs.readFileSync(full, 'utf8');
  }),
  fileexists: strict((n, [p], env) => fs.existsSync(resolvePath(env, str(n, p)))),
  filebase64sha256: strict((n, [p], env) => {
    const full = resolvePath(env, str(n, p));
    if (!fs.existsSync(full)) fail(n, `no file exists at "${p}" (resolved to ${full})`);
    return crypto.createHash('sha256').update(fs.readFileSync(full)).digest('base64');
  }),
  filesha256: strict((n, [p], env) => {
    const full = resolvePath(env, str(n, p));
    if (!fs.existsSync(full)) fail(n, `no file exists at "${p}" (resolved to ${full})`);
    return crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }),
  abspath: strict((n, [p], env) => resolvePath(env, str(n, p))),
  dirname: strict((n, [p]) => path.posix.dirname(str(n, p))),
  basename: strict((n, [p]) => path.posix.basename(str(n, p))),
  pathexpand: strict((n, [p]) => str(n, p)),

  // --- sensitivity marks are not tracked by value; the checks follow secret attributes instead
  sensitive: (n, [v]) => v,
  nonsensitive: (n, [v]) => v,
};

function callFunction(name, args, env) {
  const fn = FUNCTIONS[name];
  if (!fn) throw new FunctionError(`function "${name}" is not known to the offline evaluator (add it to lib/functions.js)`);
  return fn(name, args, env);
}

function isPolicyLike(v) {
  return v instanceof PolicyDocument || v instanceof EncodedJson || v instanceof ResourceInstance;
}

module.exports = { callFunction, FunctionError, jsonEncode, toRegExp, FUNCTIONS, isPolicyLike };
