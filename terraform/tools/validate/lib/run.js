'use strict';
// Runs every check over module and example directories.

const fs = require('node:fs');
const path = require('node:path');
const { Schema } = require('./schema');
const { Diagnostics } = require('./diagnostics');
const { StaticChecker } = require('./static');
const { ModuleLoader, planRoot } = require('./plan');
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

// The plans to run for a root module: its plans.json entry (variables pointing at fixtures), the sample's own
// generated files when they exist, and each of those again with production.tfvars.
function plansFor(dir, config) {
  const name = path.basename(dir);
  const entry = config.examples?.[name] ?? {};
  const plans = [];
  plans.push({ label: 'fixtures', vars: resolveVars(entry.vars, TOOL_DIR) });
  if (entry.generated) {
    const probe = path.resolve(dir, entry.generated.probe);
    if (fs.existsSync(probe)) plans.push({ label: 'generated', vars: resolveVars(entry.generated.vars, TOOL_DIR) });
  }
  const prodFile = path.join(dir, 'production.tfvars');
  const withProd = [];
  for (const p of plans) {
    withProd.push({ ...p, varFiles: [], production: false });
    if (fs.existsSync(prodFile)) withProd.push({ ...p, label: `${p.label}+production.tfvars`, varFiles: [prodFile], production: true });
  }
  return { plans: withProd, hasProduction: fs.existsSync(prodFile) };
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
    const { plans, hasProduction } = plansFor(dir, planConfig);
    if (!hasProduction) {
      diagnostics.error('production', { file: path.relative(process.cwd(), dir) }, 'no production.tfvars: the production checks (deletion protection, point-in-time recovery) need one');
    }
    for (const p of plans) {
      const plan = await planRoot(dir, { schema, diagnostics, vars: p.vars, varFiles: p.varFiles });
      summary.plans++;
      summary.instances += plan.planner.instances.length;
      const manifestPath = manifestPathOf(plan);
      security.checkPlan(plan, { manifest: readManifest(manifestPath), production: p.production, label: p.label });
      log(`planned ${path.relative(process.cwd(), dir)} (${p.label}): ${plan.planner.instances.length} resource instances`);
    }
  }
  return { diagnostics, summary };
}

function manifestPathOf(plan) {
  try {
    if (!plan.root.compiled.variables.has('manifest_path')) return null;
    const v = plan.root.variable('manifest_path');
    return typeof v === 'string' ? path.resolve(plan.planner.baseDir, v) : null;
  } catch {
    return null;
  }
}

module.exports = { runAll, expandDirs, plansFor, loadPlanConfig, TOOL_DIR };
