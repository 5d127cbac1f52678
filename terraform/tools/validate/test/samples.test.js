'use strict';
// The notes and directory examples deploy what their samples' stories promise: the directory's guests may call
// exactly Query.listUsers and the fields it returns, and a schedule rule invokes the FillUsers function; the notes
// app has no guest grants at all, its signed-in identities exactly the manifest's, and each identity reads, writes
// and deletes attachments under its own private/<identity id>/ path only; the moments function may use the photos/*
// objects fieldgate.json declares for it, and nothing else.

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
    ...(fs.existsSync(path.join(FIXTURES, sample, 'storage.json')) ? { storage_path: path.join(FIXTURES, sample, 'storage.json') } : {}),
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

test('notes: each identity owns its attachments under private/<identity id>/; guests get no S3 access', async () => {
  const p = await plan('notes');
  const storage = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'notes', 'storage.json'), 'utf8'));
  const appConfig = JSON.parse(fs.readFileSync(path.join(REPO, 'samples', 'notes', 'fieldgate.json'), 'utf8'));
  assert.deepEqual(storage.declared, appConfig.storage.buckets,
    'test/fixtures/notes/storage.json is stale: regenerate it with ./fieldgate policy generate samples/notes/schema.graphql --out DIR --config samples/notes/fieldgate.json');
  const bucket = managed(p, 'aws_s3_bucket').map((i) => i.address);
  assert.deepEqual(bucket, ['module.app.module.storage.aws_s3_bucket.this["attachments"]']);
  assert.equal(managed(p, 'aws_iam_role_policy').some((i) => i.address === 'module.app.module.storage.aws_iam_role_policy.this["guest"]'), false);
  const policy = managed(p, 'aws_iam_role_policy').find((i) => i.address === 'module.app.module.storage.aws_iam_role_policy.this["authenticated"]');
  const arn = 'module.app.module.storage.aws_s3_bucket.this["attachments"].arn';
  const own = `private/\${cognito-identity.amazonaws.com:sub}`;
  const statements = statementsOf(policy.attributes.policy);
  assert.deepEqual(statements.flatMap((s) => s.actions).sort(),
    ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
  for (const s of statements) {
    if (s.actions.includes('s3:ListBucket')) {
      assert.deepEqual(s.resources.map((r) => r.sym), [arn]);
      assert.deepEqual(s.conditions, [{ test: 'StringLike', variable: 's3:prefix', values: [`${own}/`, `${own}/*`] }]);
    } else {
      assert.deepEqual(s.resources.map((r) => r.sym), [`⟨${arn}⟩/${own}/*`]);
    }
  }
});

test('moments: the resolver function may get, put and delete photos/* of its bucket, and knows the bucket\'s name', async () => {
  const p = await plan('moments');
  const bucket = 'module.app.module.storage.aws_s3_bucket.this["photos"]';
  const fn = managed(p, 'aws_lambda_function').find((i) => i.address === 'module.app.module.api.aws_lambda_function.this');
  assert.equal(fn.attributes.environment[0].variables.FIELDGATE_BUCKET_PHOTOS.sym, 'moments-dev-photos-⟨module.app.module.storage.data.aws_caller_identity.current.account_id⟩');
  const policy = managed(p, 'aws_iam_role_policy').find((i) => i.address === 'module.app.aws_iam_role_policy.function_storage[0]');
  assert.equal(policy.attributes.role, 'moments-dev-resolvers');
  const statements = statementsOf(policy.attributes.policy);
  assert.deepEqual(statements.flatMap((s) => s.actions).sort(), ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject']);
  for (const s of statements) assert.deepEqual(s.resources.map((r) => r.sym), [`⟨${bucket}.arn⟩/photos/*`]);
  // The signed-in users' role reaches their own private/ objects only, never photos/.
  const users = statementsOf(managed(p, 'aws_iam_role_policy').find((i) => i.address === 'module.app.module.storage.aws_iam_role_policy.this["authenticated"]').attributes.policy);
  assert.ok(users.flatMap((s) => s.resources.map((r) => r.sym)).every((r) => !r.includes('/photos/')));
});

test('moments: the hosted UI domain and the web client\'s redirect URLs come from the config and its overlay', async () => {
  for (const [env, callback] of [['dev', 'http://localhost:8080/login/oauth2/code/cognito'], ['prod', 'https://moments.example.com/login/oauth2/code/cognito']]) {
    const p = await plan('moments', env);
    const domain = managed(p, 'aws_cognito_user_pool_domain')[0];
    assert.equal(domain.attributes.domain, `moments-example-${env}`);
    const web = managed(p, 'aws_cognito_user_pool_client').find((i) => i.address.endsWith('["web"]'));
    assert.deepEqual(web.attributes.callback_urls, [callback]);
    assert.deepEqual(p.root.output('amplify_outputs').auth.oauth.redirect_sign_in_uri, [callback]);
  }
});

test('the function role\'s S3 statements are checked against storage.json\'s function statements', async () => {
  const { SecurityChecker } = require('../lib/security');
  const p = await plan('moments');
  const storage = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'moments', 'storage.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'moments', 'manifest.json'), 'utf8'));
  const findings = (s) => {
    const diagnostics = new Diagnostics();
    new SecurityChecker({ schema, diagnostics }).checkPlan(p, { manifest, storage: s, production: false, label: 'test' });
    return diagnostics.errors.map((d) => d.message);
  };
  assert.deepEqual(findings(storage), []);
  // Declared for the function no more: the grants Terraform planned are refused, path by path.
  const undeclared = { ...storage, statements: { ...storage.statements, function: [] } };
  assert.ok(findings(undeclared).some((m) => m.includes('function role module.app.module.api.aws_iam_role.function is granted s3:PutObject photos/photos/*, which storage.json does not list for it')), findings(undeclared).join('\n'));
  // Declared, but the role carries less.
  const more = { ...storage, statements: { ...storage.statements, function: [...storage.statements.function, { sid: 'ListBucketPhotos', bucket: 'photos', actions: ['s3:ListBucket'], objects: [], listPrefixes: ['photos/', 'photos/*'] }] } };
  assert.ok(findings(more).some((m) => m.includes('lacks storage.json\'s grant s3:ListBucket photos prefix photos/')), findings(more).join('\n'));
});
