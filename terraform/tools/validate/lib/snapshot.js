'use strict';
// A plan as plain JSON: every resource and data-source instance with its planned attributes, and the root module's
// outputs, so that two plans of one configuration can be compared. A refactoring that moves resources (moved blocks)
// is compared by mapping each moved address back to where it was (`unmove`), in instance addresses and in the
// addresses that values known only after apply remember.

const { Unknown, PolicyDocument, EncodedJson } = require('./values');
const { entryMap } = require('./plan');

function plain(v, text) {
  if (v instanceof Unknown) return { after_apply: text(v.sym) };
  // A policy document by its statements (which data source rendered it is no part of what is deployed).
  if (v instanceof PolicyDocument) return { policy_document: plain(v.statements, text) };
  if (v instanceof EncodedJson) return { jsonencode: plain(v.value, text) };
  if (Array.isArray(v)) return v.map((x) => plain(x, text));
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[text(k)] = plain(v[k], text);
    return out;
  }
  return typeof v === 'string' ? text(v) : v;
}

// The moves a configuration declares, from its `moved` blocks: [{ from, to }] as address texts.
function movesOf(compiled) {
  const moves = [];
  for (const mv of compiled.moved ?? []) {
    const entries = entryMap(mv.node);
    const from = entries.get('from');
    const to = entries.get('to');
    if (from?.text && to?.text) moves.push({ from: from.text, to: to.text });
  }
  return moves;
}

// Rewrites addresses in a text: each move's `to` (followed by an attribute, index or the end) back to its `from`.
function unmover(moves, replacements = []) {
  const ordered = [...moves].sort((a, b) => b.to.length - a.to.length);
  return (s) => {
    let out = s;
    for (const [from, to] of replacements) out = out.split(from).join(to);
    for (const m of ordered) {
      let at = out.indexOf(m.to);
      while (at >= 0) {
        const next = out[at + m.to.length];
        const before = at === 0 ? '' : out[at - 1];
        const boundaryBefore = before === '' || !/[A-Za-z0-9_.]/.test(before);
        if (boundaryBefore && (next === undefined || next === '.' || next === '[' || !/[A-Za-z0-9_"\]-]/.test(next))) {
          out = out.slice(0, at) + m.from + out.slice(at + m.to.length);
          at = out.indexOf(m.to, at + m.from.length);
        } else {
          at = out.indexOf(m.to, at + 1);
        }
      }
    }
    return out;
  };
}

// { instances: { address: { type, mode, attributes } }, outputs: { name: value } }, addresses unmoved and the given
// path prefixes replaced (machine paths become stable placeholders).
function snapshot(plan, { moves = [], replacements = [] } = {}) {
  const text = unmover(moves, replacements);
  const instances = {};
  for (const i of plan.planner.instances) {
    instances[text(i.address)] = { type: i.type, mode: i.mode, attributes: plain(i.attributes, text) };
  }
  const sorted = Object.fromEntries(Object.keys(instances).sort().map((k) => [k, instances[k]]));
  const outputs = {};
  for (const name of [...plan.root.compiled.outputs.keys()].sort()) {
    let value;
    try {
      value = plan.root.output(name);
    } catch (e) {
      value = { error: e.message };
    }
    outputs[name] = plain(value, text);
  }
  return { instances: sorted, outputs };
}

module.exports = { snapshot, movesOf, unmover, plain };
