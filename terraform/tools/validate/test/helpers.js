'use strict';
// Shared by the tests: a scratch copy of the repository's Terraform (and what the pins example reads), edits to
// that copy, and runs of every check over it.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runAll, TOOL_DIR } = require('../lib/run');
const { Schema } = require('../lib/schema');

const REPO = path.resolve(TOOL_DIR, '..', '..', '..');
const FIXTURES = path.join(TOOL_DIR, 'test', 'fixtures');
const schema = Schema.load();

function copyDir(from, to, skip = () => false) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst, skip);
    else fs.copyFileSync(src, dst);
  }
}

// A scratch copy laid out like the repository: terraform/modules, the pins example (every planted error edits it; the
// other samples' examples are checked as they are by kit.test.js), samples/pins/fieldgate.json, and the pins fixtures. Returns { root, planConfig, dirs }.
function scratchCopy({ manifest } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldgate-tf-'));
  const skip = (name) => name === '.terraform' || name === 'node_modules' || name.endsWith('.tfstate') || /^amplify_outputs(\.[a-z0-9]+)?\.json$/.test(name);
  copyDir(path.join(REPO, 'terraform', 'modules'), path.join(root, 'terraform', 'modules'), skip);
  copyDir(path.join(REPO, 'terraform', 'examples', 'pins'), path.join(root, 'terraform', 'examples', 'pins'), skip);
  fs.mkdirSync(path.join(root, 'samples', 'pins'), { recursive: true });
  // The app config and its environment overlays (fieldgate.<environment>.json).
  for (const f of fs.readdirSync(path.join(REPO, 'samples', 'pins')).filter((n) => /^fieldgate(\.[a-z0-9]+)?\.json$/.test(n))) {
    fs.copyFileSync(path.join(REPO, 'samples', 'pins', f), path.join(root, 'samples', 'pins', f));
  }
  const fx = path.join(root, 'fixtures');
  copyDir(path.join(FIXTURES, 'pins'), fx);
  if (manifest) {
    const file = path.join(fx, 'manifest.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...manifest }, null, 2));
  }
  const planConfig = {
    examples: {
      pins: {
        vars: {
          manifest_path: path.join(fx, 'manifest.json'),
          appsync_schema_path: path.join(fx, 'appsync.graphql'),
          function_artifact_path: path.join(fx, 'resolvers.jar'),
          storage_path: path.join(fx, 'storage.json'),
        },
      },
    },
  };
  const dirs = [path.join(root, 'terraform', 'modules'), path.join(root, 'terraform', 'examples')];
  return { root, planConfig, dirs };
}

function applyCase(root, c) {
  for (const e of c.edits ?? []) {
    const file = path.join(root, e.file);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(e.find);
    if (at < 0) throw new Error(`planted error "${c.name}": ${e.file} no longer contains ${JSON.stringify(e.find)}`);
    if (text.indexOf(e.find, at + 1) >= 0) throw new Error(`planted error "${c.name}": ${JSON.stringify(e.find)} occurs more than once in ${e.file}`);
    fs.writeFileSync(file, text.slice(0, at) + e.replace + text.slice(at + e.find.length));
  }
  for (const a of c.add ?? []) fs.writeFileSync(path.join(root, a.file), a.content);
  for (const d of c.delete ?? []) {
    const file = path.join(root, d);
    if (!fs.existsSync(file)) throw new Error(`planted error "${c.name}": ${d} does not exist`);
    fs.rmSync(file);
  }
}

async function check(copy) {
  const cwd = process.cwd();
  try {
    process.chdir(copy.root);
    return await runAll(copy.dirs, { schema, planConfig: copy.planConfig });
  } finally {
    process.chdir(cwd);
  }
}

function remove(copy) {
  fs.rmSync(copy.root, { recursive: true, force: true });
}

module.exports = { REPO, FIXTURES, schema, scratchCopy, applyCase, check, remove };
