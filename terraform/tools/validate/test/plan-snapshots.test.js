'use strict';
// The examples plan exactly what test/fixtures/plans/ recorded: every managed resource instance with its attributes,
// and every root output, per environment (data sources are reads: a module may read more, such as the account id,
// without changing what is deployed; what they feed into is compared in the resources). Moving the examples onto modules/app must change nothing but
// addresses, and each address change is a `moved` block (undone here before comparing), so existing states carry over.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { planSnapshots, SNAPSHOT_DIR, SNAPSHOTTED, ENVIRONMENTS } = require('./plan-snapshots');

const managed = (snap) => ({
  ...snap, instances: Object.fromEntries(Object.entries(snap.instances).filter(([, i]) => i.mode === 'managed')),
});

for (const name of SNAPSHOTTED) {
  test(`${name}: every environment plans the recorded instances and outputs`, async () => {
    const planned = await planSnapshots([name]);
    for (const env of ENVIRONMENTS) {
      const recorded = managed(JSON.parse(fs.readFileSync(path.join(SNAPSHOT_DIR, `${name}.${env}.json`), 'utf8')));
      const now = managed(planned[`${name}.${env}`]);
      assert.deepEqual(Object.keys(now.instances), Object.keys(recorded.instances), `${name} ${env}: instance addresses (after undoing moved blocks)`);
      for (const address of Object.keys(recorded.instances)) {
        assert.deepEqual(now.instances[address], recorded.instances[address], `${name} ${env}: ${address}`);
      }
      assert.deepEqual(now.outputs, recorded.outputs, `${name} ${env}: root outputs`);
    }
  });
}
