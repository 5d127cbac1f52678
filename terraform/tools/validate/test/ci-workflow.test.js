'use strict';
// The GitHub Actions pipeline teams copy (terraform/examples/pins/ci/terraform.yml): checks on every change, a plan
// of each environment on pull requests, applies dev -> staging -> prod on main, all with OIDC-assumed roles.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { REPO } = require('./helpers');

const FILE = path.join(REPO, 'terraform', 'examples', 'pins', 'ci', 'terraform.yml');
const EXAMPLE = path.join(REPO, 'terraform', 'examples', 'pins');
const ENVIRONMENTS = ['dev', 'staging', 'prod'];

function load(text = fs.readFileSync(FILE, 'utf8')) {
  const doc = YAML.parseDocument(text);
  assert.deepEqual(doc.errors.map(String), [], 'valid YAML');
  return doc.toJS();
}

const runs = (job) => (job.steps ?? []).filter((s) => s.run).map((s) => s.run).join('\n');
const uses = (job, action) => (job.steps ?? []).filter((s) => typeof s.uses === 'string' && s.uses.startsWith(`${action}@`));
const applyJob = (wf, env) => Object.values(wf.jobs).find((j) => j.environment === env);

// Everything the test asserts about a workflow; returns the problems found.
function problems(wf) {
  const found = [];
  const expect = (ok, message) => { if (!ok) found.push(message); };
  expect(wf.permissions?.['id-token'] === 'write', 'permissions: id-token: write (the OIDC token)');
  expect(wf.on?.pull_request !== undefined, 'runs on pull_request');
  expect((wf.on?.push?.branches ?? []).includes('main'), 'runs on push to main');
  const text = JSON.stringify(wf);
  expect(!/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/.test(text), 'no long-lived AWS keys anywhere');
  for (const [name, job] of Object.entries(wf.jobs ?? {})) {
    for (const step of uses(job, 'aws-actions/configure-aws-credentials')) {
      expect(typeof step.with?.['role-to-assume'] === 'string' && step.with['role-to-assume'].length > 0, `${name}: configure-aws-credentials assumes a role (role-to-assume)`);
      expect(!('aws-access-key-id' in (step.with ?? {})), `${name}: configure-aws-credentials without aws-access-key-id`);
    }
  }
  const checks = wf.jobs?.checks;
  expect(checks !== undefined, 'a checks job');
  if (checks) {
    expect(/terraform fmt -check/.test(runs(checks)), 'checks: terraform fmt -check');
    expect(/terraform validate/.test(runs(checks)), 'checks: terraform validate');
    expect((checks.steps ?? []).some((s) => s['working-directory'] === 'terraform/tools/validate' && /npm test/.test(s.run ?? '')), 'checks: the offline validator (npm test in terraform/tools/validate)');
  }
  const plan = Object.values(wf.jobs ?? {}).find((j) => /terraform plan/.test(runs(j)) && !/terraform apply/.test(runs(j)));
  expect(plan !== undefined, 'a plan job');
  if (plan) {
    expect(/github\.event_name == 'pull_request'/.test(plan.if ?? ''), 'the plan job runs on pull requests');
    const planned = (plan.strategy?.matrix?.include ?? []).map((m) => m.environment);
    expect(JSON.stringify(planned) === JSON.stringify(ENVIRONMENTS), `the plan job plans ${ENVIRONMENTS.join(', ')} (plans ${planned.join(', ')})`);
    expect(/-backend-config=env\/\$\{\{ matrix\.environment \}\}\.tfbackend/.test(runs(plan)) && /-var-file=\$\{\{ matrix\.environment \}\}\.tfvars/.test(runs(plan))
      && /workspace select/.test(runs(plan)), 'the plan job selects each environment\'s backend, workspace and variables');
    expect(uses(plan, 'aws-actions/configure-aws-credentials').length === 1, 'the plan job assumes a role');
  }
  let previous = null;
  for (const env of ENVIRONMENTS) {
    const job = applyJob(wf, env);
    expect(job !== undefined, `an apply job in GitHub environment ${env}`);
    if (!job) continue;
    expect(/github\.event_name == 'push'/.test(job.if ?? '') && /refs\/heads\/main/.test(job.if ?? ''), `apply ${env}: only on push to main`);
    const needs = [].concat(job.needs ?? []);
    const name = Object.entries(wf.jobs).find(([, j]) => j === job)[0];
    expect(previous === null ? needs.includes('checks') : needs.includes(previous), `apply ${env}: after ${previous ?? 'checks'}`);
    const r = runs(job);
    expect(r.includes(`-backend-config=env/${env}.tfbackend`), `apply ${env}: init with env/${env}.tfbackend`);
    expect(r.includes(`workspace select -or-create ${env}`), `apply ${env}: the ${env} workspace`);
    expect(r.includes(`-var-file=${env}.tfvars`), `apply ${env}: ${env}.tfvars`);
    expect(/terraform apply/.test(r), `apply ${env}: terraform apply`);
    expect(uses(job, 'aws-actions/configure-aws-credentials').length === 1, `apply ${env}: assumes the environment's role`);
    previous = name;
  }
  return found;
}

test('the pipeline: OIDC roles only, checks, plans on pull requests, applies dev -> staging -> prod on main', () => {
  assert.deepEqual(problems(load()), []);
});

test('the files the pipeline names exist: each environment\'s backend and variables file', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  for (const env of ENVIRONMENTS) {
    for (const f of [`env/${env}.tfbackend`, `${env}.tfvars`]) {
      assert.ok(text.includes(f), `the pipeline names ${f}`);
      assert.ok(fs.existsSync(path.join(EXAMPLE, f)), `${f} exists`);
    }
  }
  const wf = load();
  assert.ok(fs.existsSync(path.join(REPO, wf.env.EXAMPLE)), `env.EXAMPLE ${wf.env.EXAMPLE} exists`);
});

test('the checks notice a pipeline with access keys, without OIDC, or applying out of order', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const keys = load(text.replace(/role-to-assume: \$\{\{ vars\.AWS_APPLY_ROLE_ARN \}\}/g, 'aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}'));
  assert.ok(problems(keys).some((p) => /no long-lived AWS keys/.test(p)));
  assert.ok(problems(keys).some((p) => /apply-dev: configure-aws-credentials assumes a role/.test(p)));
  const noToken = load(text.replace('  id-token: write', '  id-token: none'));
  assert.deepEqual(problems(noToken), ['permissions: id-token: write (the OIDC token)']);
  const outOfOrder = load(text.replace('needs: apply-staging', 'needs: checks'));
  assert.deepEqual(problems(outOfOrder), ['apply prod: after apply-staging']);
  const noValidator = load(text.replace(/npm test\n/, 'true\n'));
  assert.deepEqual(problems(noValidator), ['checks: the offline validator (npm test in terraform/tools/validate)']);
  const planOnPush = load(text.replace("if: github.event_name == 'pull_request'", 'if: always()'));
  assert.deepEqual(problems(planOnPush), ['the plan job runs on pull requests']);
});
