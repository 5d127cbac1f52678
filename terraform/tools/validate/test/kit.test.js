'use strict';
// The kit's real Terraform passes every check, its READMEs are current, and the offline plan of the pins example
// holds what the contracts promise (docs/outputs-file.md, docs/manifest.md, docs/app-config.md).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { REPO, FIXTURES, schema } = require('./helpers');
const { runAll, expandDirs, TOOL_DIR } = require('../lib/run');
const { planRoot } = require('../lib/plan');
const { Diagnostics } = require('../lib/diagnostics');
const { Unknown, PolicyDocument } = require('../lib/values');
const { statementsOf, SecurityChecker } = require('../lib/security');
const readme = require('../lib/readme');

const MODULES = path.join(REPO, 'terraform', 'modules');
const EXAMPLES = path.join(REPO, 'terraform', 'examples');
const PINS = path.join(EXAMPLES, 'pins');
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pins', 'manifest.json'), 'utf8'));
const appConfig = JSON.parse(fs.readFileSync(path.join(REPO, 'samples', 'pins', 'fieldgate.json'), 'utf8'));
const overlay = (env) => JSON.parse(fs.readFileSync(path.join(REPO, 'samples', 'pins', `fieldgate.${env}.json`), 'utf8'));
const devConfig = { ...appConfig, userPool: { ...appConfig.userPool, ...overlay('dev').userPool } };
const ENVIRONMENTS = ['dev', 'staging', 'prod'];

const storageJson = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pins', 'storage.json'), 'utf8'));

const fixtureVars = {
  manifest_path: path.join(FIXTURES, 'pins', 'manifest.json'),
  appsync_schema_path: path.join(FIXTURES, 'pins', 'appsync.graphql'),
  function_artifact_path: path.join(FIXTURES, 'pins', 'resolvers.jar'),
  storage_path: path.join(FIXTURES, 'pins', 'storage.json'),
};

// Plans the pins example as `terraform plan -var-file=<env>.tfvars` in the workspace of that environment.
async function planPins(env = 'dev', vars = {}) {
  const diagnostics = new Diagnostics();
  const plan = await planRoot(PINS, { schema, diagnostics, vars: { ...fixtureVars, ...vars }, varFiles: [path.join(PINS, `${env}.tfvars`)], workspace: env });
  assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
  return plan;
}

function instance(plan, address) {
  const found = plan.planner.instances.find((i) => i.address === address);
  assert.ok(found, `no resource instance ${address}`);
  return found;
}

function instances(plan, type) {
  return plan.planner.instances.filter((i) => i.type === type && i.mode === 'managed');
}

test('terraform/modules and terraform/examples pass every check', async () => {
  const { diagnostics, summary } = await runAll([MODULES, EXAMPLES], { schema });
  assert.deepEqual(diagnostics.items.map(Diagnostics.format), []);
  assert.ok(summary.modules >= 4, `checked ${summary.modules} directories`);
  assert.ok(summary.plans >= 4, 'the pins example is planned with dev, staging and prod.tfvars, and once against the guard');
});

test('module and example READMEs carry the current Inputs/Outputs tables', async () => {
  for (const dir of expandDirs([MODULES, EXAMPLES])) {
    const r = await readme.inspect(dir);
    assert.equal(r.problem, null, `${path.relative(REPO, dir)}/README.md: ${r.problem}; run npm run readme in terraform/tools/validate`);
  }
});

test('the README check notices a variable added without regenerating the tables', async () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fieldgate-readme-'));
  try {
    for (const f of fs.readdirSync(path.join(MODULES, 'identity-pool'))) fs.copyFileSync(path.join(MODULES, 'identity-pool', f), path.join(dir, f));
    assert.equal((await readme.inspect(dir)).problem, null);
    fs.appendFileSync(path.join(dir, 'variables.tf'), '\nvariable "extra" {\n  description = "New."\n  type        = string\n  default     = "x"\n}\n');
    assert.match((await readme.inspect(dir)).problem, /differ/);
    await readme.write(dir);
    assert.equal((await readme.inspect(dir)).problem, null);
    assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /\[extra\]\(#input_extra\) \| New\. \| `string` \| `"x"` \| no \|/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the outputs file has exactly the keys of docs/outputs-file.md, with environment "aws" and no endpoints', async () => {
  const plan = await planPins();
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'outputs-file.md'), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]));
  // The main example, and the storage category in a section of its own.
  const example = { ...blocks[0], ...blocks.find((b) => b.storage) };
  const written = plan.root.output('amplify_outputs');
  const shape = (v) => {
    if (v instanceof Unknown) return 'known after apply';
    if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])]));
    return typeof v;
  };
  const keys = (v, prefix = '') => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown)
    ? Object.keys(v).flatMap((k) => [`${prefix}${k}`, ...keys(v[k], `${prefix}${k}.`)]) : []);
  // Group names and client names are data, not keys of the format.
  const ignore = (k) => /^auth\.groups\./.test(k) || /^custom\.fieldgate\.user_pool_clients\./.test(k);
  assert.deepEqual(keys(written).filter((k) => !ignore(k)).sort(), keys(example).filter((k) => !ignore(k)).sort(), JSON.stringify(shape(written)));
  assert.equal(written.version, '1.4');
  assert.equal(written.custom.fieldgate.environment, 'aws');
  assert.deepEqual(written.custom.fieldgate.endpoints, {});
  assert.equal(written.custom.fieldgate.app, appConfig.app);
  assert.equal(written.auth.aws_region, appConfig.region);
  assert.deepEqual(written.auth.groups, [{ Admins: { precedence: 1 } }]);
  assert.equal(written.auth.mfa_configuration, 'NONE');
  assert.deepEqual(written.auth.oauth.redirect_sign_in_uri, devConfig.userPool.clients[0].callbackUrls);
  assert.equal(written.auth.oauth.domain, `${appConfig.userPool.domainPrefix}-dev.auth.${appConfig.region}.amazoncognito.com`);
  assert.equal(written.data.default_authorization_type, manifest.api.defaultAuthMode);
  assert.deepEqual(written.data.authorization_types, manifest.api.additionalAuthModes);
  assert.deepEqual(Object.keys(written.custom.fieldgate.user_pool_clients).sort(), appConfig.userPool.clients.map((c) => c.name).sort());
  assert.equal(written.auth.user_pool_client_id.sym, 'module.app.module.user_pool.aws_cognito_user_pool_client.this["web"].id');
  const file = instance(plan, 'module.app.local_file.outputs[0]');
  assert.equal(file.attributes.filename, 'amplify_outputs.dev.json');
  // Amplify's storage category, from storage.json: the physical bucket and the declared paths in Amplify's words.
  const bucket = 'pins-dev-pictures-⟨module.app.module.storage.data.aws_caller_identity.current.account_id⟩';
  assert.equal(written.storage.bucket_name.sym, bucket);
  assert.equal(written.storage.aws_region, appConfig.region);
  assert.deepEqual(written.storage.buckets.map((b) => [b.name, b.bucket_name.sym, b.aws_region]), [['pictures', bucket, appConfig.region]]);
  assert.deepEqual(written.storage.buckets[0].paths, storageJson.buckets[0].paths);
  assert.deepEqual(written.storage.buckets[0].paths['private/{entity_id}/*'], { entityidentity: ['get', 'list', 'write', 'delete'] });
});

test('each declared bucket is private, encrypted, owner-enforced and HTTPS-only, with CORS from the environment\'s origins', async () => {
  for (const env of ['dev', 'prod']) {
    const plan = await planPins(env);
    const at = (type) => instance(plan, `module.app.module.storage.${type}.this["pictures"]`);
    assert.equal(at('aws_s3_bucket').attributes.bucket.sym, `pins-${env}-pictures-⟨module.app.module.storage.data.aws_caller_identity.current.account_id⟩`);
    const block = at('aws_s3_bucket_public_access_block').attributes;
    assert.deepEqual([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets], [true, true, true, true]);
    assert.equal(at('aws_s3_bucket_server_side_encryption_configuration').attributes.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm, 'AES256');
    assert.equal(at('aws_s3_bucket_ownership_controls').attributes.rule[0].object_ownership, 'BucketOwnerEnforced');
    const [deny] = statementsOf(at('aws_s3_bucket_policy').attributes.policy);
    assert.equal(deny.effect, 'Deny');
    assert.deepEqual(deny.conditions, [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }]);
    const cors = at('aws_s3_bucket_cors_configuration').attributes.cors_rule[0];
    assert.deepEqual(cors.allowed_origins, env === 'prod' ? ['https://pins.example.com'] : ['http://localhost:3000']);
    assert.ok(cors.expose_headers.includes('ETag'), 'a browser completes a multipart upload with the parts\' ETags');
    assert.equal(instances(plan, 'aws_s3_bucket_versioning').length, 0, 'versioning is off unless asked for');
  }
});

test('the identity pool roles get exactly storage.json\'s S3 statements, owners through the policy variable', async () => {
  const plan = await planPins();
  const arn = 'module.app.module.storage.aws_s3_bucket.this["pictures"].arn';
  for (const role of ['guest', 'authenticated']) {
    const policy = instance(plan, `module.app.module.storage.aws_iam_role_policy.this["${role}"]`);
    assert.equal(policy.attributes.role, `pins-dev-${role}`);
    const statements = statementsOf(policy.attributes.policy);
    const expected = storageJson.statements[role];
    assert.deepEqual(statements.map((s) => s.sid), expected.map((s) => s.sid));
    for (const [i, s] of statements.entries()) {
      assert.deepEqual(s.actions, expected[i].actions);
      if (expected[i].listPrefixes.length) {
        assert.deepEqual(s.resources.map((r) => r.sym), [arn]);
        assert.deepEqual(s.conditions, [{ test: 'StringLike', variable: 's3:prefix', values: expected[i].listPrefixes }]);
      } else {
        assert.deepEqual(s.resources.map((r) => r.sym), expected[i].objects.map((o) => `⟨${arn}⟩/${o}`));
      }
    }
  }
  const put = statementsOf(instance(plan, 'module.app.module.storage.aws_iam_role_policy.this["authenticated"]').attributes.policy)
    .find((s) => s.actions.includes('s3:PutObject'));
  assert.deepEqual(put.resources.map((r) => r.sym), [
    `⟨${arn}⟩/pins/\${cognito-identity.amazonaws.com:sub}/*`, `⟨${arn}⟩/private/\${cognito-identity.amazonaws.com:sub}/*`,
  ]);
});

test('with a customer-managed key the buckets use SSE-KMS and each role with S3 grants may use that key through S3 only', async () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const plan = await planPins('dev', { storage: { kms_key_arn: key } });
  const encryption = instance(plan, 'module.app.module.storage.aws_s3_bucket_server_side_encryption_configuration.this["pictures"]');
  assert.deepEqual(encryption.attributes.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm, 'aws:kms');
  for (const role of ['guest', 'authenticated']) {
    const statements = statementsOf(instance(plan, `module.app.module.storage.aws_iam_role_policy.this["${role}"]`).attributes.policy);
    const uses = statements.filter((s) => s.actions.some((a) => String(a).startsWith('kms:')));
    assert.equal(uses.length, 1, `${role}: one statement for the key`);
    assert.deepEqual(uses[0].actions, ['kms:Decrypt', 'kms:GenerateDataKey']);
    assert.deepEqual(uses[0].resources.map((r) => r.sym ?? r), [key]);
    assert.equal(uses[0].conditions[0].variable, 'kms:ViaService', `${role}: the key only through S3`);
  }
  const plain = await planPins('dev');
  const kmsStatements = statementsOf(instance(plain, 'module.app.module.storage.aws_iam_role_policy.this["authenticated"]').attributes.policy)
    .filter((s) => s.actions.some((a) => String(a).startsWith('kms:')));
  assert.equal(kmsStatements.length, 0, 'without a key, no key grant');
});

test('without a storage section no bucket is planned and the outputs file has no storage key', async () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fieldgate-nostorage-'));
  try {
    const { storage, ...config } = appConfig;
    assert.ok(storage);
    fs.writeFileSync(path.join(dir, 'fieldgate.json'), JSON.stringify(config));
    fs.copyFileSync(path.join(REPO, 'samples', 'pins', 'fieldgate.dev.json'), path.join(dir, 'fieldgate.dev.json'));
    const plan = await planPins('dev', { config_path: path.join(dir, 'fieldgate.json'), storage_path: path.join(dir, 'absent.json') });
    assert.deepEqual(plan.planner.instances.filter((i) => i.address.startsWith('module.app.module.storage.') && i.mode === 'managed').map((i) => i.address), []);
    assert.equal('storage' in plan.root.output('amplify_outputs'), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// A storage section that grants a user-pool group: the pins sample's with moderation/* for its Admins, and the
// storage.json the policy module writes for it (test/fixtures/pins/storage-groups.json, from
// `./fieldgate policy generate samples/pins/schema.graphql --out DIR --config <that fieldgate.json>`).
const groupsStorage = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pins', 'storage-groups.json'), 'utf8'));
function withGroupPath() {
  const config = JSON.parse(JSON.stringify(appConfig));
  config.storage.buckets[0].paths['moderation/*'] = { groups: { Admins: ['read', 'write', 'delete'] } };
  return config;
}

async function withGroupConfig(mutate, body) {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fieldgate-groups-'));
  try {
    const config = withGroupPath();
    const storage = JSON.parse(JSON.stringify(groupsStorage));
    mutate?.(config, storage);
    fs.writeFileSync(path.join(dir, 'fieldgate.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, 'storage.json'), JSON.stringify(storage));
    fs.copyFileSync(path.join(REPO, 'samples', 'pins', 'fieldgate.dev.json'), path.join(dir, 'fieldgate.dev.json'));
    return await body({ config_path: path.join(dir, 'fieldgate.json'), storage_path: path.join(dir, 'storage.json') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the group-roles fixture is what the policy module writes for its declaration', () => {
  assert.deepEqual(groupsStorage.declared, withGroupPath().storage.buckets,
    'test/fixtures/pins/storage-groups.json is stale: regenerate it from the declaration withGroupPath() builds');
  assert.deepEqual(Object.keys(groupsStorage.groupRoles), ['Admins']);
});

test('a group with storage grants gets its own role: trusted like the authenticated role, mapped from the token', async () => {
  await withGroupConfig(null, async (vars) => {
    const plan = await planPins('dev', vars);
    const role = instance(plan, 'module.app.module.identity_pool.aws_iam_role.group["Admins"]');
    assert.equal(role.attributes.name, 'pins-dev-group-Admins');
    const [trust] = statementsOf(role.attributes.assume_role_policy);
    assert.deepEqual(trust.actions, ['sts:AssumeRoleWithWebIdentity']);
    assert.deepEqual(trust.principals, [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }]);
    assert.deepEqual(trust.conditions.map((c) => [c.test, c.variable, c.values.map((v) => v.sym ?? v)]), [
      ['StringEquals', 'cognito-identity.amazonaws.com:aud', ['module.app.module.identity_pool.aws_cognito_identity_pool.this.id']],
      ['ForAnyValue:StringLike', 'cognito-identity.amazonaws.com:amr', ['authenticated']],
    ]);
    // The user pool names the role on the group, with the group's precedence.
    const group = instance(plan, 'module.app.module.user_pool.aws_cognito_user_group.this["Admins"]');
    assert.equal(group.attributes.role_arn.sym, 'module.app.module.identity_pool.aws_iam_role.group["Admins"].arn');
    assert.equal(group.attributes.precedence, 1);
    // Token-based role mapping for every client the pool accepts; ambiguous tokens get the authenticated role.
    const mappings = instance(plan, 'module.app.module.identity_pool.aws_cognito_identity_pool_roles_attachment.this').attributes.role_mapping;
    assert.ok(mappings.length >= 1);
    for (const m of mappings) {
      assert.equal(m.type, 'Token');
      assert.equal(m.ambiguous_role_resolution, 'AuthenticatedRole');
    }
    assert.deepEqual(mappings.map((m) => m.identity_provider.sym),
      ['⟨module.app.module.user_pool.aws_cognito_user_pool.this.endpoint⟩:⟨module.app.module.user_pool.aws_cognito_user_pool_client.this["web"].id⟩']);
    // And the security checks find nothing to say.
    const diagnostics = new Diagnostics();
    new SecurityChecker({ schema, diagnostics }).checkPlan(plan, { manifest, storage: groupsStorage, production: false, label: 'dev' });
    assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
    // The authenticated role's AppSync policies, and storage.json's statements for the group.
    const attached = instances(plan, 'aws_iam_role_policy_attachment').filter((a) => a.address.includes('group_grants'));
    assert.ok(attached.length >= 1);
    const policy = instance(plan, 'module.app.module.storage.aws_iam_role_policy.this["group-Admins"]');
    const statements = statementsOf(policy.attributes.policy);
    assert.deepEqual(statements.map((st) => st.sid), groupsStorage.groupRoles.Admins.statements.map((st) => st.sid));
    const put = statements.find((st) => st.actions.includes('s3:PutObject'));
    assert.ok(put.resources.some((r) => r.sym.endsWith('/moderation/*')));
  });
});

test('group roles with the classic flow, or that storage.json lists but nothing deploys, are refused', async () => {
  const check = async (vars, storage) => {
    const diagnostics = new Diagnostics();
    const plan = await planRoot(PINS, { schema, diagnostics, vars: { ...fixtureVars, ...vars }, varFiles: [path.join(PINS, 'dev.tfvars')], workspace: 'dev' });
    new SecurityChecker({ schema, diagnostics }).checkPlan(plan, { manifest, storage, production: false, label: 'dev' });
    return diagnostics.errors.map(Diagnostics.format);
  };
  await withGroupConfig((config) => { config.identityPool.allowClassicFlow = true; }, async (vars) => {
    const errors = await check(vars, groupsStorage);
    assert.ok(errors.some((e) => e.includes('allow_classic_flow is true')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('the classic flow is on while user-pool groups have roles (group:Admins)')), errors.join('\n'));
  });
  // storage.json with a group role the plan does not create (an example that does not pass groupRoles on).
  const errors = await check({}, groupsStorage);
  assert.ok(errors.some((e) => e.includes('gives the user-pool group Admins a role of its own, but no aws_cognito_user_group')), errors.join('\n'));
});

test('the guest and authenticated roles may call appsync:GraphQL on exactly the manifest\'s grants', async () => {
  const plan = await planPins();
  const api = 'module.app.module.api.aws_appsync_graphql_api.this.arn';
  for (const [role, grants] of [['guest', manifest.grants.guest], ['authenticated', manifest.grants.authenticated]]) {
    const policies = instances(plan, 'aws_iam_policy').filter((p) => p.address.includes(`grants["${role}-`));
    assert.ok(policies.length >= 1);
    const statements = policies.flatMap((p) => statementsOf(p.attributes.policy));
    assert.deepEqual([...new Set(statements.flatMap((s) => s.actions))], ['appsync:GraphQL']);
    const resources = statements.flatMap((s) => s.resources.map((r) => r.sym));
    assert.deepEqual(resources.sort(), grants.map((g) => `⟨${api}⟩/${g}`).sort());
    const role_ = instance(plan, `module.app.module.identity_pool.aws_iam_role.this["${role}"]`);
    const trust = statementsOf(role_.attributes.assume_role_policy)[0];
    assert.deepEqual(trust.actions, ['sts:AssumeRoleWithWebIdentity']);
    assert.deepEqual(trust.principals, [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }]);
    const cond = Object.fromEntries(trust.conditions.map((c) => [`${c.test} ${c.variable}`, c.values.map((v) => v.sym ?? v)]));
    assert.deepEqual(cond, {
      'StringEquals cognito-identity.amazonaws.com:aud': ['module.app.module.identity_pool.aws_cognito_identity_pool.this.id'],
      'ForAnyValue:StringLike cognito-identity.amazonaws.com:amr': [role === 'guest' ? 'unauthenticated' : 'authenticated'],
    });
  }
  const attachment = instance(plan, 'module.app.module.identity_pool.aws_cognito_identity_pool_roles_attachment.this');
  assert.deepEqual(Object.keys(attachment.attributes.roles).sort(), ['authenticated', 'unauthenticated']);
});

test('large grant lists are split into policies of grants_per_policy ARNs', async () => {
  const many = Array.from({ length: 65 }, (_, i) => `types/T${i}/fields/f`);
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fieldgate-chunks-'));
  try {
    const big = { ...manifest, grants: { guest: many, authenticated: many.slice(0, 10) } };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(big));
    const diagnostics = new Diagnostics();
    const plan = await planRoot(PINS, { schema, diagnostics, vars: { ...fixtureVars, manifest_path: path.join(dir, 'manifest.json') }, varFiles: [path.join(PINS, 'dev.tfvars')], workspace: 'dev' });
    assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
    const guest = instances(plan, 'aws_iam_policy').filter((p) => p.address.includes('grants["guest-'));
    assert.deepEqual(guest.map((p) => statementsOf(p.attributes.policy)[0].resources.length), [30, 30, 5]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the resolver function, its alias and the data source follow fieldgate.json and the manifest', async () => {
  const plan = await planPins();
  const fn = instance(plan, 'module.app.module.api.aws_lambda_function.this');
  assert.equal(fn.attributes.function_name, 'pins-dev-resolvers');
  assert.equal(fn.attributes.handler, appConfig.function.handler);
  assert.equal(fn.attributes.runtime, appConfig.function.runtime);
  assert.equal(fn.attributes.memory_size, appConfig.function.memoryMb);
  assert.equal(fn.attributes.timeout, appConfig.function.timeoutSeconds);
  assert.equal(fn.attributes.publish, true);
  assert.deepEqual(fn.attributes.snap_start, [{ apply_on: 'PublishedVersions' }]);
  assert.deepEqual(fn.attributes.environment[0].variables, { ...appConfig.function.environment, FIELDGATE_TABLE_PREFIX: 'pins-dev-' });
  const alias = instance(plan, 'module.app.module.api.aws_lambda_alias.this');
  assert.equal(alias.attributes.function_version.sym, 'module.app.module.api.aws_lambda_function.this.version');
  const ds = instance(plan, 'module.app.module.api.aws_appsync_datasource.resolvers');
  assert.equal(ds.attributes.type, 'AWS_LAMBDA');
  assert.equal(ds.attributes.lambda_config[0].function_arn.sym, 'module.app.module.api.aws_lambda_alias.this.arn');
  const invoke = statementsOf(instance(plan, 'module.app.module.api.aws_iam_role_policy.datasource').attributes.policy);
  assert.deepEqual(invoke.map((s) => [s.actions, s.resources.map((r) => r.sym)]), [[['lambda:InvokeFunction'], ['module.app.module.api.aws_lambda_alias.this.arn']]]);
  const resolvers = instances(plan, 'aws_appsync_resolver');
  assert.deepEqual(resolvers.map((r) => `${r.attributes.type}.${r.attributes.field}`).sort(), manifest.resolvers.map((r) => `${r.type}.${r.field}`).sort());
  for (const r of resolvers) {
    const m = manifest.resolvers.find((x) => x.type === r.attributes.type && x.field === r.attributes.field);
    assert.equal(r.attributes.max_batch_size, m.maxBatchSize);
    assert.equal(r.attributes.request_template, undefined, 'Direct Lambda: no request template');
    assert.match(r.attributes.response_template, /\$util\.error\(\$ctx\.result\.errorMessage, \$ctx\.result\.errorType/);
  }
});

test('the API takes its auth modes from the manifest and user-pool tokens of the app\'s clients only', async () => {
  const plan = await planPins();
  const api = instance(plan, 'module.app.module.api.aws_appsync_graphql_api.this');
  assert.equal(api.attributes.authentication_type, 'AMAZON_COGNITO_USER_POOLS');
  assert.deepEqual(api.attributes.additional_authentication_provider.map((p) => p.authentication_type), ['AWS_IAM']);
  const upc = api.attributes.user_pool_config[0];
  assert.equal(upc.default_action, 'ALLOW');
  assert.equal(upc.app_id_client_regex.sym,
    '^(⟨module.app.module.user_pool.aws_cognito_user_pool_client.this["web"].id⟩|⟨module.app.module.user_pool.aws_cognito_user_pool_client.this["backend"].id⟩)$');
  assert.equal(api.attributes.query_depth_limit, appConfig.api.queryDepthLimit);
  assert.equal(api.attributes.introspection_config, 'ENABLED');
  assert.equal(api.attributes.log_config[0].field_log_level, appConfig.api.fieldLogLevel);
  assert.equal(instance(plan, 'module.app.module.api.aws_cloudwatch_log_group.appsync').attributes.retention_in_days, 30);
});

test('tables: on demand, encrypted, named <app>-<environment>-<name>, keys and indexes from the manifest', async () => {
  const plan = await planPins();
  const tables = instances(plan, 'aws_dynamodb_table');
  assert.deepEqual(tables.map((t) => t.attributes.name).sort(), manifest.tables.map((t) => `pins-dev-${t.name}`).sort());
  const pin = instance(plan, 'module.app.module.api.aws_dynamodb_table.this["Pin"]');
  assert.equal(pin.attributes.billing_mode, 'PAY_PER_REQUEST');
  assert.equal(pin.attributes.hash_key, 'id');
  assert.deepEqual(pin.attributes.attribute.map((a) => `${a.name}:${a.type}`).sort(), ['createdAt:S', 'id:S', 'owner:S']);
  assert.deepEqual(pin.attributes.global_secondary_index.map((g) => [g.name, g.hash_key, g.range_key, g.projection_type]), [['byOwner', 'owner', 'createdAt', 'ALL']]);
  assert.deepEqual(pin.attributes.server_side_encryption, [{ enabled: true, kms_key_arn: null }]);
  assert.deepEqual(pin.attributes.point_in_time_recovery, [{ enabled: true }]);
  assert.equal(pin.attributes.deletion_protection_enabled, false);
});

test('dev, staging and prod plan from one tree, each with its own names, app config overlay and outputs file', async () => {
  for (const env of ENVIRONMENTS) {
    const plan = await planPins(env);
    const over = overlay(env);
    assert.equal(plan.root.output('environment'), env);
    assert.deepEqual(plan.root.output('config_files').map((f) => path.basename(f)), ['fieldgate.json', `fieldgate.${env}.json`]);
    for (const t of instances(plan, 'aws_dynamodb_table')) assert.match(t.attributes.name, new RegExp(`^pins-${env}-`));
    assert.equal(instance(plan, 'module.app.module.api.aws_lambda_function.this').attributes.function_name, `pins-${env}-resolvers`);
    assert.equal(instance(plan, 'module.app.local_file.outputs[0]').attributes.filename, `amplify_outputs.${env}.json`);
    assert.equal(instance(plan, 'module.app.module.user_pool.aws_cognito_user_pool_domain.this[0]').attributes.domain, `${appConfig.userPool.domainPrefix}-${env}`);
    // The overlay's client list replaces fieldgate.json's: SRP only on the public client, the environment's URLs.
    const web = instance(plan, 'module.app.module.user_pool.aws_cognito_user_pool_client.this["web"]');
    const overWeb = over.userPool.clients.find((c) => c.name === 'web');
    assert.deepEqual(web.attributes.callback_urls, overWeb.callbackUrls);
    assert.deepEqual(web.attributes.logout_urls, overWeb.logoutUrls);
    assert.ok(!web.attributes.explicit_auth_flows.includes('ALLOW_USER_PASSWORD_AUTH'), `${env}: the public client sends no passwords`);
    assert.deepEqual(plan.root.output('amplify_outputs').auth.oauth.redirect_sign_in_uri, overWeb.callbackUrls);
    const introspection = over.api?.introspection ?? appConfig.api.introspection;
    assert.equal(instance(plan, 'module.app.module.api.aws_appsync_graphql_api.this').attributes.introspection_config, introspection ? 'ENABLED' : 'DISABLED');
    const protectedEnv = env === 'prod';
    assert.equal(instance(plan, 'module.app.module.user_pool.aws_cognito_user_pool.this').attributes.deletion_protection, protectedEnv ? 'ACTIVE' : 'INACTIVE');
    // What production needs, staging rehearses (WAF, alarms, token check, managed login); dev has none of it.
    const rehearsed = env !== 'dev';
    assert.equal(instances(plan, 'aws_wafv2_web_acl').length, rehearsed ? 1 : 0, env);
    assert.equal(instances(plan, 'aws_cloudwatch_metric_alarm').length, rehearsed ? 3 : 0, env);
    assert.equal(instances(plan, 'aws_cognito_managed_login_branding').length, rehearsed ? 1 : 0, env);
  }
});

test('the guard stops a plan whose variables name another environment than the selected workspace (state)', async () => {
  for (const [vars, workspace] of [['prod', 'dev'], ['dev', 'prod'], ['staging', 'prod'], ['prod', 'default']]) {
    const diagnostics = new Diagnostics();
    const plan = await planRoot(PINS, { schema, diagnostics, vars: fixtureVars, varFiles: [path.join(PINS, `${vars}.tfvars`)], workspace });
    const stops = diagnostics.errors.filter((d) => d.check === 'variable.validation' && d.address === 'var.environment');
    assert.ok(stops.some((d) => d.message.includes(`for environment "${vars}" but the selected workspace (and so the state) is "${workspace}"`)),
      `${vars}.tfvars in workspace ${workspace}: ${diagnostics.errors.map(Diagnostics.format).join('\n')}`);
    void plan;
  }
  // In its own workspace each environment plans without a finding (see the test above), and so does a plan that
  // names the environment on the command line instead of a variables file.
  const diagnostics = new Diagnostics();
  await planRoot(PINS, { schema, diagnostics, vars: { ...fixtureVars, environment: 'staging' }, workspace: 'staging' });
  assert.deepEqual(diagnostics.errors.map(Diagnostics.format), []);
});

test('every environment has a variables file and a backend file, and the backend block is partial', () => {
  for (const env of ENVIRONMENTS) {
    const tfvars = fs.readFileSync(path.join(PINS, `${env}.tfvars`), 'utf8');
    assert.match(tfvars, new RegExp(`^environment\\s*=\\s*"${env}"`, 'm'));
    const backend = fs.readFileSync(path.join(PINS, 'env', `${env}.tfbackend`), 'utf8');
    for (const key of ['bucket', 'key', 'region', 'encrypt', 'use_lockfile']) assert.match(backend, new RegExp(`^${key}\\s*=`, 'm'), `env/${env}.tfbackend: ${key}`);
  }
  assert.match(fs.readFileSync(path.join(PINS, 'backend.tf'), 'utf8'), /^\s*backend "s3" \{\}$/m);
  // Each environment's state lives in its own bucket: one environment's credentials never reach another's state.
  const buckets = ENVIRONMENTS.map((env) => /^bucket\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(PINS, 'env', `${env}.tfbackend`), 'utf8'))[1]);
  assert.equal(new Set(buckets).size, ENVIRONMENTS.length);
});

test('prod.tfvars turns on everything production needs', async () => {
  const plan = await planPins('prod');
  const pool = instance(plan, 'module.app.module.user_pool.aws_cognito_user_pool.this').attributes;
  assert.equal(pool.deletion_protection, 'ACTIVE');
  assert.equal(pool.email_configuration[0].email_sending_account, 'DEVELOPER');
  assert.match(pool.email_configuration[0].source_arn, /^arn:aws:ses:/);
  assert.equal(pool.user_pool_add_ons[0].advanced_security_mode, 'ENFORCED');
  assert.equal(pool.user_pool_tier, 'PLUS');
  assert.equal(pool.mfa_configuration, 'OPTIONAL');
  assert.equal(instances(plan, 'aws_cognito_risk_configuration').length, 1);
  const domain = instance(plan, 'module.app.module.user_pool.aws_cognito_user_pool_domain.this[0]').attributes;
  assert.equal(domain.managed_login_version, 2);
  const branding = instance(plan, 'module.app.module.user_pool.aws_cognito_managed_login_branding.this["web"]').attributes;
  assert.equal(branding.client_id.sym, 'module.app.module.user_pool.aws_cognito_user_pool_client.this["web"].id');
  const idp = instance(plan, 'module.app.module.identity_pool.aws_cognito_identity_pool.this').attributes;
  assert.ok(idp.cognito_identity_providers.every((p) => p.server_side_token_check === true));
  const acl = instance(plan, 'module.app.module.api.aws_wafv2_web_acl.this[0]').attributes;
  assert.equal(acl.scope, 'REGIONAL');
  const rate = acl.rule.find((r) => r.name === 'rate-limit-per-ip');
  assert.equal(rate.statement[0].rate_based_statement[0].limit, 1000);
  assert.deepEqual(Object.keys(rate.action[0]), ['block']);
  const assoc = instance(plan, 'module.app.module.api.aws_wafv2_web_acl_association.this[0]').attributes;
  assert.equal(assoc.resource_arn.sym, 'module.app.module.api.aws_appsync_graphql_api.this.arn');
  const alarms = instances(plan, 'aws_cloudwatch_metric_alarm').map((a) => `${a.attributes.namespace} ${a.attributes.metric_name}`).sort();
  assert.deepEqual(alarms, ['AWS/AppSync 5XXError', 'AWS/Lambda Errors', 'AWS/Lambda Throttles']);
  for (const a of instances(plan, 'aws_cloudwatch_metric_alarm')) assert.deepEqual(a.attributes.alarm_actions, ['arn:aws:sns:us-east-1:111122223333:pins-prod-alarms']);
  assert.equal(instance(plan, 'module.app.module.api.aws_appsync_graphql_api.this').attributes.introspection_config, 'DISABLED');
  for (const t of instances(plan, 'aws_dynamodb_table')) {
    assert.equal(t.attributes.deletion_protection_enabled, true);
    assert.deepEqual(t.attributes.point_in_time_recovery, [{ enabled: true }]);
  }
  for (const g of instances(plan, 'aws_cloudwatch_log_group')) assert.equal(g.attributes.retention_in_days, 365);
});

test('the app-config module merges the shared overlay cases exactly as the Java config module does', async () => {
  const casesDir = path.join(REPO, 'config', 'src', 'test', 'resources', 'overlay-cases');
  const cases = fs.readdirSync(casesDir).filter((n) => fs.statSync(path.join(casesDir, n)).isDirectory());
  assert.ok(cases.length >= 5, `found ${cases.length} cases`);
  for (const name of cases) {
    const spec = JSON.parse(fs.readFileSync(path.join(casesDir, name, 'case.json'), 'utf8'));
    const diagnostics = new Diagnostics();
    const plan = await planRoot(path.join(MODULES, 'app-config'), {
      schema, diagnostics, vars: { config_path: path.join(casesDir, name, 'fieldgate.json'), environment: spec.environment },
    });
    if (spec.error) {
      assert.ok(diagnostics.errors.some((d) => d.check === 'plan.precondition' && d.message.includes(`fieldgate.${spec.environment}.json`) && d.message.includes(spec.error)),
        `${name}: ${diagnostics.errors.map(Diagnostics.format).join('\n')}`);
    } else {
      assert.deepEqual(diagnostics.errors.map(Diagnostics.format), [], name);
      assert.deepEqual(plan.root.output('config'), spec.expected, `${name}: ${spec.description}`);
    }
  }
});

test('the pins fixtures match the sample\'s generated manifest and schema (when they have been generated)', (t) => {
  const generated = path.join(REPO, 'samples', 'pins', 'target', 'fieldgate', 'manifest.json');
  if (!fs.existsSync(generated)) {
    t.diagnostic('samples/pins/target/fieldgate/manifest.json not generated; compared nothing');
    return;
  }
  const real = JSON.parse(fs.readFileSync(generated, 'utf8'));
  const used = (m) => ({ formatVersion: m.formatVersion, api: m.api, resolvers: m.resolvers, grants: m.grants, tables: m.tables });
  assert.deepEqual(used(manifest), used(real),
    'test/fixtures/pins/manifest.json is stale: copy samples/pins/target/fieldgate/{manifest.json,appsync.graphql} into test/fixtures/pins/');
  // The deployable schema Terraform uploads is a copy too; it must be the one the sample generates.
  const fixtureSchema = fs.readFileSync(path.join(__dirname, 'fixtures', 'pins', 'appsync.graphql'), 'utf8');
  const generatedSchema = fs.readFileSync(path.join(path.dirname(generated), 'appsync.graphql'), 'utf8');
  assert.equal(fixtureSchema, generatedSchema,
    'test/fixtures/pins/appsync.graphql is stale: copy samples/pins/target/fieldgate/{manifest.json,appsync.graphql} into test/fixtures/pins/');
  // And the storage grants, which the Maven plugin writes from samples/pins/fieldgate.json.
  const generatedStorage = path.join(path.dirname(generated), 'storage.json');
  if (fs.existsSync(generatedStorage)) {
    assert.deepEqual(storageJson, JSON.parse(fs.readFileSync(generatedStorage, 'utf8')),
      'test/fixtures/pins/storage.json is stale: copy samples/pins/target/fieldgate/storage.json into test/fixtures/pins/');
  }
});

test('the storage fixture is what the policy module writes for the sample\'s storage section', () => {
  // storage.json's "declared" is the sample's own storage section, so the fixture follows samples/pins/fieldgate.json.
  assert.deepEqual(storageJson.declared, appConfig.storage.buckets,
    'test/fixtures/pins/storage.json is stale: regenerate it with ./fieldgate policy generate samples/pins/schema.graphql --out DIR --config samples/pins/fieldgate.json');
});

test('the schema excerpt holds every type of kit-types.json, from provider 6.x', () => {
  const kit = JSON.parse(fs.readFileSync(path.join(TOOL_DIR, 'schema', 'kit-types.json'), 'utf8'));
  for (const [name, spec] of Object.entries(kit.providers)) {
    const p = schema.providers[name];
    assert.ok(p, `provider ${name} missing from provider-schema.json`);
    assert.deepEqual(Object.keys(p.resources).sort(), [...spec.resources].sort());
    assert.deepEqual(Object.keys(p.dataSources).sort(), [...spec.dataSources].sort());
    assert.equal(p.extractedFrom, spec.npmPackage);
  }
  assert.match(schema.providers.aws.version, /^6\./);
  assert.ok(schema.providers.aws.resources.aws_appsync_graphql_api.attributes.query_depth_limit, 'a 6.x argument');
});

test('the tool README documents every check', () => {
  const { CHECKS } = require('../lib/checks');
  const text = fs.readFileSync(path.join(TOOL_DIR, 'README.md'), 'utf8');
  assert.deepEqual(Object.keys(CHECKS).filter((id) => !text.includes(`\`${id}\``)), []);
});

test('the command line exits 1 with findings and 0 without', () => {
  const cli = path.join(TOOL_DIR, 'bin', 'validate.js');
  const clean = spawnSync(process.execPath, [cli, '--quiet', path.join(MODULES, 'user-pool')], { encoding: 'utf8' });
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /0 errors/);
  const broken = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fieldgate-cli-'));
  try {
    fs.writeFileSync(path.join(broken, 'main.tf'), 'resource "aws_iam_role" "r" {\n  nmae = "x"\n}\n');
    const bad = spawnSync(process.execPath, [cli, '--quiet', broken], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /error\[schema\.unknown-argument\] .*main\.tf:2 aws_iam_role\.r: unknown argument or block "nmae"; did you mean "name"\?/);
    assert.match(bad.stdout, /error\[schema\.missing-argument\] .*required argument "assume_role_policy" is missing/);
  } finally {
    fs.rmSync(broken, { recursive: true, force: true });
  }
});


test('terraform/README.md shows every module used from another repository by a versioned git source', () => {
  const text = fs.readFileSync(path.join(REPO, 'terraform', 'README.md'), 'utf8');
  const sources = [...text.matchAll(/source\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
  const modules = fs.readdirSync(MODULES).filter((n) => fs.existsSync(path.join(MODULES, n, 'main.tf')));
  for (const name of modules) {
    const source = sources.find((s) => s.includes(`//terraform/modules/${name}?`));
    assert.ok(source, `no source for modules/${name} in terraform/README.md`);
    assert.match(source, /^git::https:\/\/[^?]+\.git\/\/terraform\/modules\/[a-z-]+\?ref=v\d+\.\d+\.\d+$/, `${source}: a git source pinned to a tag`);
  }
});
void PolicyDocument;
