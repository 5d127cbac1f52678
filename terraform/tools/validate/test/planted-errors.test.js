'use strict';
// Every check fails when it should: each case plants one error in a copy of the kit's real Terraform and expects
// exactly the findings it names (plus the knock-on findings it lists), and nothing else.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { FIXTURES, scratchCopy, applyCase, check, remove } = require('./helpers');
const { Diagnostics } = require('../lib/diagnostics');
const { CHECKS } = require('../lib/checks');

const { cases, warningCases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'planted-errors.json'), 'utf8'));

test('the unmodified copy is clean (the baseline every planted error is measured against)', async () => {
  const copy = scratchCopy();
  try {
    const { diagnostics } = await check(copy);
    assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
  } finally {
    remove(copy);
  }
});

for (const c of cases) {
  test(`planted: ${c.name}`, async () => {
    const copy = scratchCopy({ manifest: c.manifest });
    try {
      applyCase(copy.root, c);
      const { diagnostics } = await check(copy);
      const errors = diagnostics.errors;
      const shown = errors.map(Diagnostics.format).join('\n');
      for (const e of c.expect) {
        assert.ok(
          errors.some((d) => d.check === e.check && Diagnostics.format(d).includes(e.message)),
          `expected ${e.check} containing ${JSON.stringify(e.message)}; got:\n${shown}`,
        );
      }
      const allowed = new Set([...c.expect.map((e) => e.check), ...(c.alsoAllowed ?? [])]);
      const stray = errors.filter((d) => !allowed.has(d.check));
      assert.deepEqual(stray.map(Diagnostics.format), [], 'findings of checks this case does not expect');
    } finally {
      remove(copy);
    }
  });
}

for (const c of warningCases) {
  test(`planted warning: ${c.name}`, async () => {
    const copy = scratchCopy({ manifest: c.manifest });
    try {
      applyCase(copy.root, c);
      const { diagnostics } = await check(copy);
      assert.deepEqual(diagnostics.errors.map(Diagnostics.format), [], 'a warning case must not produce errors');
      const shown = diagnostics.warnings.map(Diagnostics.format).join('\n');
      for (const e of c.expect) {
        assert.ok(
          diagnostics.warnings.some((d) => d.check === e.check && Diagnostics.format(d).includes(e.message)),
          `expected warning ${e.check} containing ${JSON.stringify(e.message)}; got:\n${shown}`,
        );
      }
    } finally {
      remove(copy);
    }
  });
}

test('every check in lib/checks.js is reported by the code and exercised by a planted error', () => {
  const planted = new Set([...cases, ...warningCases].flatMap((c) => c.expect.map((e) => e.check)));
  const sources = fs.readdirSync(path.join(__dirname, '..', 'lib')).filter((f) => f.endsWith('.js') && f !== 'checks.js')
    .map((f) => fs.readFileSync(path.join(__dirname, '..', 'lib', f), 'utf8')).join('\n');
  const used = new Set();
  const ids = Object.keys(CHECKS).map((id) => id.replace(/[.]/g, '\\.')).join('|');
  for (const m of sources.matchAll(new RegExp(`'(${ids})'`, 'g'))) used.add(m[1]);
  const idLike = /'((?:schema|plan|iam|module|variable|output)\.[a-z-]+)'/g;
  const unregistered = [...new Set([...sources.matchAll(idLike)].map((m) => m[1]))].filter((id) => !(id in CHECKS));
  assert.deepEqual(unregistered, [], 'check ids used in the code but missing from lib/checks.js');
  assert.deepEqual(Object.keys(CHECKS).filter((id) => !used.has(id)), [], 'checks in lib/checks.js the code never reports');
  assert.deepEqual(Object.keys(CHECKS).filter((id) => !planted.has(id) && !UNPLANTED.has(id)), [],
    'checks without a planted error (add one to test/fixtures/planted-errors.json)');
});

// Internal guards that valid-looking Terraform cannot reach (hcl2json always gives blocks this shape, and a
// required block without an optional way to leave it out cannot be emptied at plan time either).
const UNPLANTED = new Set(['schema.block-shape', 'plan.required-block']);
