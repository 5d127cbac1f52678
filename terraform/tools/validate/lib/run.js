'use strict';
// Runs every check over module and example directories.

const fs = require('node:fs');
const path = require('node:path');
const { Schema } = require('./schema');
const { Diagnostics } = require('./diagnostics');
const { StaticChecker } = require('./static');
const { ModuleLoader, planRoot, entryMap, blockItems, lit } = require('./plan');
const { checkLockFile } = require('./lockfile');
const { SecurityChecker, readManifest } = require('./security');

const TOOL_DIR = path.resolve(__dirname, '..');

function hasTf(dir) {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => f.endsWith('.tf'));
}

// A directory argument is a module itself, or a folder of modules (terraform/modules, terraform/examples).
function expandDirs(dirs) {
  const out = [];
  for (const d of dirs) {
    const abs = path.resolve(d);
    if (hasTf(abs)) { out.push(abs); continue; }
    if (!fs.existsSync(abs)) throw new Error(`${d}: no such directory`);
    for (const sub of fs.readdirSync(abs).sort()) {
      const p = path.join(abs, sub);
      if (hasTf(p)) out.push(p);
    }
  }
  return out;
}

function loadPlanConfig(file = path.join(TOOL_DIR, 'plans.json')) {
  if (!fs.existsSync(file)) return { examples: {} };
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function resolveVars(vars, baseDir) {
  const out = {};
  for (const [k, v] of Object.entries(vars ?? {})) {
    out[k] = typeof v === 'string' && k.endsWith('_path') ? path.resolve(baseDir, v) : v;
  }
  return out;
}

// The environments every root module defines: a variables file and a backend file each.
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const PRODUCTION = 'prod';

// The plans to run for a root module: each environment's <env>.tfvars in the workspace of that name, with the
// variables plans.json gives (pointing at fixtures), and again with the sample's own generated files when they exist.
function plansFor(dir, config) {
  const name = path.basename(dir);
  const entry = config.examples?.[name] ?? {};
  const sources = [{ label: 'fixtures', vars: resolveVars(entry.vars, TOOL_DIR) }];
  if (entry.generated) {
    const probe = path.resolve(dir, entry.generated.probe);
    if (fs.existsSync(probe)) sources.push({ label: 'generated', vars: resolveVars(entry.generated.vars, TOOL_DIR) });
  }
  const environments = ENVIRONMENTS.filter((env) => fs.existsSync(path.join(dir, `${env}.tfvars`)));
  const plans = [];
  for (const source of sources) {
    for (const env of environments) {
      plans.push({
        ...source, label: `${source.label}, ${env}.tfvars`, environment: env, workspace: env,
        varFiles: [path.join(dir, `${env}.tfvars`)], production: env === PRODUCTION,
      });
    }
  }
  return { plans, environments, fixtureVars: sources[0].vars };
}

async function isRootModule(loader, dir) {
  const compiled = await loader.load(dir);
  return compiled.providers.length > 0;
}

async function runAll(dirs, { schema = Schema.load(), planConfig = loadPlanConfig(), log = () => {} } = {}) {
  const diagnostics = new Diagnostics();
  const loader = new ModuleLoader();
  const staticChecker = new StaticChecker({ schema, diagnostics, loader });
  const security = new SecurityChecker({ schema, diagnostics });
  const summary = { modules: 0, roots: 0, plans: 0, instances: 0 };
  for (const dir of expandDirs(dirs)) {
    await staticChecker.check(dir);
    summary.modules++;
    if (!(await isRootModule(loader, dir))) continue;
    summary.roots++;
    const { plans, environments, fixtureVars } = plansFor(dir, planConfig);
    const compiled = await loader.load(dir);
    if (!environments.includes(PRODUCTION)) {
      diagnostics.error('production', { file: path.relative(process.cwd(), dir) }, `no ${PRODUCTION}.tfvars: the production checks (deletion protection, point-in-time recovery, SES email, threat protection, WAF, alarms, ...) need one`);
    }
    checkEnvironments(dir, compiled, environments, diagnostics);
    await checkLockFile(dir, compiled, loader, diagnostics);
    for (const p of plans) {
      const plan = await planRoot(dir, { schema, diagnostics, vars: p.vars, varFiles: p.varFiles, workspace: p.workspace });
      summary.plans++;
      summary.instances += plan.planner.instances.length;
      const manifestPath = pathVariableOf(plan, 'manifest_path');
      const storagePath = pathVariableOf(plan, 'storage_path');
      security.checkPlan(plan, {
        manifest: readManifest(manifestPath), storage: readManifest(storagePath), production: p.production, label: p.label,
      });
      log(`planned ${path.relative(process.cwd(), dir)} (${p.label}, workspace ${p.workspace}): ${plan.planner.instances.length} resource instances`);
    }
    if (environments.length >= 2) {
      await checkGuard(dir, { schema, diagnostics, vars: fixtureVars, environments });
      summary.plans++;
    }
  }
  return { diagnostics, summary };
}

// Every root module keeps its environments apart: a variables file and a partial backend file per environment,
// each variables file naming its own environment, and a backend block left for the backend file to fill in.
function checkEnvironments(dir, compiled, environments, diagnostics) {
  const where = (file) => ({ file: path.relative(process.cwd(), path.join(dir, file ?? '')) });
  for (const env of ENVIRONMENTS.filter((e) => !environments.includes(e))) {
    diagnostics.error('environments', where(), `no ${env}.tfvars: every example defines the environments ${ENVIRONMENTS.join(', ')}, each in its own variables file`);
  }
  for (const env of environments) {
    if (!fs.existsSync(path.join(dir, 'env', `${env}.tfbackend`))) {
      diagnostics.error('environments', where(`${env}.tfvars`), `no env/${env}.tfbackend: each environment's state needs its own backend configuration (terraform init -backend-config=env/${env}.tfbackend)`);
    }
    const text = fs.readFileSync(path.join(dir, `${env}.tfvars`), 'utf8');
    const m = /^\s*environment\s*=\s*"([^"]*)"/m.exec(text);
    if (!m || m[1] !== env) {
      diagnostics.error('environments', where(`${env}.tfvars`), `${env}.tfvars must set environment = "${env}" (it sets ${m ? `"${m[1]}"` : 'none'}): the file name, the workspace and the environment are one name`);
    }
  }
  const backends = compiled.terraform.flatMap((t) => {
    const b = entryMap(t.node).get('backend');
    return b && b.kind === 'object' ? [...entryMap(b).keys()].map((type) => ({ type, decl: t.decl, body: blockItems(entryMap(b).get(type))[0] })) : [];
  });
  if (backends.length === 0) {
    diagnostics.error('environments', where('versions.tf'), 'no backend block: with the default local backend every environment shares one working directory\'s state files; declare a partial backend (backend "s3" {}) configured per environment by env/<environment>.tfbackend');
  }
  for (const b of backends) {
    if (b.body && b.body.entries.some((e) => ['bucket', 'key', 'path'].includes(lit(e.key)))) {
      diagnostics.error('environments', { file: path.relative(process.cwd(), path.join(dir, b.decl.file)), line: b.decl.line },
        `backend "${b.type}" sets its location in the configuration, so every environment would share it; leave it to env/<environment>.tfbackend`);
    }
  }
}

// The guard: planning one environment's variables in another environment's workspace must fail.
async function checkGuard(dir, { schema, diagnostics, vars, environments }) {
  const env = environments.includes(PRODUCTION) ? PRODUCTION : environments[environments.length - 1];
  const workspace = environments.find((e) => e !== env);
  const probe = new Diagnostics();
  await planRoot(dir, { schema, diagnostics: probe, vars, varFiles: [path.join(dir, `${env}.tfvars`)], workspace });
  const stopped = probe.errors.some((d) => ['variable.validation', 'plan.precondition'].includes(d.check) && d.message.includes(workspace));
  if (!stopped) {
    diagnostics.error('environments', { file: path.relative(process.cwd(), dir) },
      `a plan of ${env}.tfvars in the ${workspace} workspace (another environment's state) goes through: add a guard that fails it, such as a validation of var.environment == terraform.workspace`);
  }
}

// A root variable naming a generated file (manifest_path, storage_path), resolved as Terraform would.
function pathVariableOf(plan, name) {
  try {
    if (!plan.root.compiled.variables.has(name)) return null;
    const v = plan.root.variable(name);
    return typeof v === 'string' ? path.resolve(plan.planner.baseDir, v) : null;
  } catch {
    return null;
  }
}

module.exports = {
  runAll, expandDirs, plansFor, loadPlanConfig, TOOL_DIR, ENVIRONMENTS, PRODUCTION,
};
