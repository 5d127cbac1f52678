#!/usr/bin/env node
'use strict';
// Keeps the Inputs/Outputs tables of module READMEs in step with variables.tf and outputs.tf.
//   node bin/readme-tables.js --check <dir>...   exit 1 if a README is out of date
//   node bin/readme-tables.js --write <dir>...   rewrite the tables

const path = require('node:path');
const { expandDirs } = require('../lib/run');
const readme = require('../lib/readme');

async function main(argv) {
  const mode = argv.includes('--write') ? 'write' : argv.includes('--check') ? 'check' : null;
  const dirs = argv.filter((a) => !a.startsWith('--'));
  if (!mode || dirs.length === 0) {
    console.error('usage: node bin/readme-tables.js --check|--write <terraform dir>...');
    return 2;
  }
  let stale = 0;
  for (const dir of expandDirs(dirs)) {
    const rel = path.relative(process.cwd(), dir);
    if (mode === 'write') {
      if (await readme.write(dir)) console.log(`updated ${rel}/README.md`);
      continue;
    }
    const r = await readme.inspect(dir);
    if (!r.upToDate) {
      stale++;
      console.log(`${rel}/README.md: ${r.problem}; run: npm run readme (in terraform/tools/validate)`);
    }
  }
  return stale ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  console.error(err.stack || err.message);
  process.exitCode = 2;
});
