#!/usr/bin/env node
'use strict';
// Offline validation of Terraform directories: node bin/validate.js <dir>... (a module, or a folder of modules).
// Exit code 0 when there are no errors, 1 when there are, 2 on bad usage.

const path = require('node:path');
const { runAll } = require('../lib/run');
const { Diagnostics } = require('../lib/diagnostics');

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const quiet = argv.includes('--quiet');
  if (args.length === 0 || argv.includes('--help')) {
    console.error('usage: node bin/validate.js [--quiet] <terraform dir>...');
    return 2;
  }
  const started = process.hrtime.bigint();
  const { diagnostics, summary } = await runAll(args, { log: quiet ? () => {} : (m) => console.log(m) });
  for (const d of diagnostics.items) console.log(Diagnostics.format(d));
  const ms = Number((process.hrtime.bigint() - started) / 1000000n);
  console.log(`${summary.modules} directories (${summary.roots} planned ${summary.plans} times, ${summary.instances} resource instances): `
    + `${diagnostics.errors.length} errors, ${diagnostics.warnings.length} warnings in ${ms} ms`);
  return diagnostics.errors.length ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
  console.error(`validate: ${err.stack || err.message}`);
  process.exitCode = 2;
});
void path;
