'use strict';
// Each example's offline plan per environment as plain JSON (lib/snapshot.js), with the moves its moved blocks
// declare undone and machine paths replaced: shared by scripts/plan-snapshots.js and the test that compares.

const path = require('node:path');
const { schema, REPO } = require('./helpers');
const { planRoot } = require('../lib/plan');
const { Diagnostics } = require('../lib/diagnostics');
const { snapshot, movesOf } = require('../lib/snapshot');
const { TOOL_DIR } = require('../lib/run');

const SNAPSHOT_DIR = path.join(TOOL_DIR, 'test', 'fixtures', 'plans');
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const SNAPSHOTTED = ['pins', 'notes', 'directory', 'moments'];

async function planSnapshots(examples = SNAPSHOTTED) {
  const config = require('../plans.json');
  const out = {};
  for (const name of examples) {
    const dir = path.join(REPO, 'terraform', 'examples', name);
    const vars = Object.fromEntries(Object.entries(config.examples[name].vars).map(([k, v]) => [k, path.resolve(TOOL_DIR, v)]));
    for (const env of ENVIRONMENTS) {
      const diagnostics = new Diagnostics();
      const plan = await planRoot(dir, { schema, diagnostics, vars, varFiles: [path.join(dir, `${env}.tfvars`)], workspace: env });
      if (diagnostics.errors.length) throw new Error(`${name} ${env}: ${diagnostics.errors.map(Diagnostics.format).join('\n')}`);
      const moves = movesOf(plan.root.compiled);
      out[`${name}.${env}`] = snapshot(plan, { moves, replacements: [[dir, '<example>'], [REPO, '<repo>']] });
    }
  }
  return out;
}

module.exports = { planSnapshots, SNAPSHOT_DIR, SNAPSHOTTED, ENVIRONMENTS };
