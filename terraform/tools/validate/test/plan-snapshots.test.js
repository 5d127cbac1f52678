'use strict';
// The examples plan exactly what test/fixtures/plans/ recorded: every resource and data-source instance with its
// attributes, and every root output, per environment. Moving the examples onto modules/app must change nothing but
// addresses, and each address change is a `moved` block (undone here before comparing), so existing states carry over.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { planSnapshots, SNAPSHOT_DIR, SNAPSHOTTED, ENVIRONMENTS } = require('./plan-snapshots');

for (const name of SNAPSHOTTED) {
  test(`${name}: every environment plans the recorded instances and outputs`, async () => {
    const planned = await planSnapshots([name]);
    for (const env of ENVIRONMENTS) {
      const recorded = JSON.parse(fs.readFileSync(path.join(SNAPSHOT_DIR, `${name}.${env}.json`), 'utf8'));
      const now = planned[`${name}.${env}`];
      assert.deepEqual(Object.keys(now.instances), Object.keys(recorded.instances), `${name} ${env}: instance addresses (after undoing moved blocks)`);
      for (const address of Object.keys(recorded.instances)) {
        assert.deepEqual(now.instances[address], recorded.instances[address], `${name} ${env}: ${address}`);
      }
      assert.deepEqual(now.outputs, recorded.outputs, `${name} ${env}: root outputs`);
    }
  });
}
