'use strict';
// Generates the Inputs and Outputs tables of a module's README from variables.tf and outputs.tf, between
//   <!-- BEGIN_TF_DOCS -->
//   <!-- END_TF_DOCS -->
// (the markers terraform-docs uses, so either tool can maintain the section).

const fs = require('node:fs');
const path = require('node:path');
const { loadModuleDir, compileValue } = require('./hcl');

const BEGIN = '<!-- BEGIN_TF_DOCS -->';
const END = '<!-- END_TF_DOCS -->';

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function dedent(text) {
  const lines = text.split('\n');
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^ */.exec(l)[0].length)))].join('\n');
}

// The type as written in variables.tf ("${object({...})}" in hcl2json's output).
function typeText(raw) {
  if (typeof raw !== 'string') return 'any';
  const m = /^\$\{([\s\S]*)\}$/.exec(raw);
  const text = dedent((m ? m[1] : raw).trim());
  if (!text.includes('\n')) return `\`${text}\``;
  return `<pre>${text.split('\n').map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;')).join('<br>')}</pre>`;
}

function literal(node) {
  switch (node.kind) {
    case 'lit': return node.value;
    case 'tuple': return node.items.map(literal);
    case 'object': return Object.fromEntries(node.entries.map((e) => [e.key.value, literal(e.value)]));
    default: return undefined;
  }
}

async function defaultText(raw) {
  const node = await compileValue(raw, 'default');
  const v = literal(node);
  if (v === undefined) return `\`${node.text}\``;
  return `\`${JSON.stringify(v)}\``;
}

async function tables(dir) {
  const mod = await loadModuleDir(dir);
  const lines = [];
  lines.push('## Inputs', '');
  if (mod.variables.size === 0) {
    lines.push('No inputs.');
  } else {
    lines.push('| Name | Description | Type | Default | Required |', '|------|-------------|------|---------|:--------:|');
    for (const name of [...mod.variables.keys()].sort()) {
      const body = mod.variables.get(name).body.raw;
      const hasDefault = Object.prototype.hasOwnProperty.call(body, 'default');
      const dflt = hasDefault ? await defaultText(body.default) : 'n/a';
      lines.push(`| <a name="input_${name}"></a> [${name}](#input_${name}) | ${cell(body.description ?? '')} | ${typeText(body.type)} | ${cell(dflt)} | ${hasDefault ? 'no' : 'yes'} |`);
    }
  }
  lines.push('', '## Outputs', '');
  if (mod.outputs.size === 0) {
    lines.push('No outputs.');
  } else {
    lines.push('| Name | Description | Sensitive |', '|------|-------------|:---------:|');
    for (const name of [...mod.outputs.keys()].sort()) {
      const body = mod.outputs.get(name).body.raw;
      lines.push(`| <a name="output_${name}"></a> [${name}](#output_${name}) | ${cell(body.description ?? '')} | ${body.sensitive === true ? 'yes' : 'no'} |`);
    }
  }
  return lines.join('\n');
}

// Returns { readme, expected, current, upToDate, problem }.
async function inspect(dir) {
  const readme = path.join(dir, 'README.md');
  const expected = await tables(dir);
  if (!fs.existsSync(readme)) return { readme, expected, upToDate: false, problem: 'README.md is missing' };
  const text = fs.readFileSync(readme, 'utf8');
  const b = text.indexOf(BEGIN);
  const e = text.indexOf(END);
  if (b < 0 || e < b) return { readme, expected, upToDate: false, problem: `README.md has no ${BEGIN} … ${END} section` };
  const current = text.slice(b + BEGIN.length, e).trim();
  return { readme, expected, current, upToDate: current === expected, problem: current === expected ? null : 'the Inputs/Outputs tables differ from variables.tf/outputs.tf' };
}

async function write(dir) {
  const { readme, expected, problem } = await inspect(dir);
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(readme, `# ${path.basename(dir)}\n\n${BEGIN}\n${expected}\n${END}\n`);
    return true;
  }
  if (!problem) return false;
  const text = fs.readFileSync(readme, 'utf8');
  const b = text.indexOf(BEGIN);
  const e = text.indexOf(END);
  const next = b < 0 || e < b
    ? `${text.trimEnd()}\n\n${BEGIN}\n${expected}\n${END}\n`
    : `${text.slice(0, b + BEGIN.length)}\n${expected}\n${text.slice(e)}`;
  fs.writeFileSync(readme, next);
  return true;
}

module.exports = { tables, inspect, write, BEGIN, END };
