'use strict';
// Writes test/fixtures/plans/<example>.<environment>.json: each example's offline plan (fixtures of plans.json, each
// environment's variables file) as plain JSON. test/plan-snapshots.test.js compares the examples' plans with them, so
// a refactoring of the Terraform that should change nothing is seen to change nothing; after a deliberate change,
// run `npm run plan-snapshots` and review the difference.

const fs = require('node:fs');
const path = require('node:path');
const { planSnapshots, SNAPSHOT_DIR } = require('../test/plan-snapshots');

// Names on the command line record those examples only: node scripts/plan-snapshots.js moments
const only = process.argv.slice(2);
planSnapshots(only.length ? only : undefined).then((all) => {
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const [name, snap] of Object.entries(all)) {
    fs.writeFileSync(path.join(SNAPSHOT_DIR, `${name}.json`), `${JSON.stringify(snap, null, 1)}\n`);
    console.log(`${name}: ${Object.keys(snap.instances).length} instances`);
  }
}, (e) => { console.error(e.stack); process.exitCode = 1; });
