'use strict';
// The notes and directory examples deploy what their samples' stories promise: the directory's guests may call
// exactly Query.listUsers and the fields it returns, and a schedule rule invokes the FillUsers function; the notes
// app has no guest grants at all, and its signed-in identities exactly the manifest's.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, FIXTURES, schema } = require('./helpers');
const { planRoot } = require('../lib/plan');
const { Diagnostics } = require('../lib/diagnostics');
const { statementsOf } = require('../lib/security');

const EXAMPLES = path.join(REPO, 'terraform', 'examples');
const API = 'module.app.module.api.aws_appsync_graphql_api.this.arn';

async function plan(sample, env = 'dev') {
  const dir = path.join(EXAMPLES, sample);
  const diagnostics = new Diagnostics();
  const vars = {
    manifest_path: path.join(FIXTURES, sample, 'manifest.json'),
    appsync_schema_path: path.join(FIXTURES, sample, 'appsync.graphql'),
    function_artifact_path: path.join(FIXTURES, sample, 'resolvers.jar'),
  };
  const planned = await planRoot(dir, { schema, diagnostics, vars, varFiles: [path.join(dir, `${env}.tfvars`)], workspace: env });
  assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
  return planned;
}

const managed = (p, type) => p.planner.instances.filter((i) => i.type === type && i.mode === 'managed');

function grantedTo(p, role) {
  const policies = managed(p, 'aws_iam_policy').filter((i) => i.address.includes(`grants["${role}-`));
  const statements = policies.flatMap((i) => statementsOf(i.attributes.policy));
  for (const s of statements) assert.deepEqual(s.actions, ['appsync:GraphQL']);
  return statements.flatMap((s) => s.resources.map((r) => r.sym)).sort();
}

test('directory: guests may call exactly Query.listUsers and the fields it returns', async () => {
  const p = await plan('directory');
  assert.deepEqual(grantedTo(p, 'guest'), [
    'types/Query/fields/listUsers',
    'types/User/fields/firstname',
    'types/User/fields/lastname',
    'types/User/fields/picture',
    'types/User/fields/userId',
    'types/UserConnection/fields/items',
    'types/UserConnection/fields/nextToken',
  ].map((g) => `⟨${API}⟩/${g}`));
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'directory', 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.api.defaultAuthMode, 'AMAZON_COGNITO_USER_POOLS');
  assert.deepEqual(manifest.api.additionalAuthModes, ['AWS_IAM']);
});

test('directory: an EventBridge schedule invokes FillUsers, which may only put users', async () => {
  const p = await plan('directory');
  const [rule] = managed(p, 'aws_cloudwatch_event_rule');
  assert.match(String(rule.attributes.schedule_expression), /^(rate|cron)\(/);
  const [target] = managed(p, 'aws_cloudwatch_event_target');
  assert.equal(target.attributes.arn.sym, 'module.app.aws_lambda_function.scheduled["fill-users"].arn');
  const [permission] = managed(p, 'aws_lambda_permission');
  assert.equal(permission.attributes.principal, 'events.amazonaws.com');
  assert.equal(permission.attributes.source_arn.sym, 'module.app.aws_cloudwatch_event_rule.scheduled["fill-users"].arn');
  const fill = managed(p, 'aws_iam_role_policy').find((i) => i.address === 'module.app.aws_iam_role_policy.scheduled["fill-users"]');
  const puts = statementsOf(fill.attributes.policy).filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
  assert.deepEqual(puts.flatMap((s) => s.actions), ['dynamodb:PutItem']);
});

test('notes: no guest grants; signed-in identities get exactly the manifest\'s', async () => {
  const p = await plan('notes');
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'notes', 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.grants.guest, []);
  assert.deepEqual(grantedTo(p, 'guest'), []);
  assert.deepEqual(grantedTo(p, 'authenticated'), manifest.grants.authenticated.map((g) => `⟨${API}⟩/${g}`).sort());
});
