#!/usr/bin/env node
// Regenerates schema/provider-schema.json: the Terraform schema of the resource and data-source types listed in
// schema/kit-types.json, taken from the `.jsii` assembly that ships inside HashiCorp's prebuilt CDKTF provider
// packages (the assembly is generated from `terraform providers schema -json`, so names, required flags and block
// nesting are the provider's own).
//
// Run it by hand when the provider version or the list of types changes; CI never downloads the packages:
//
//   mkdir -p /some/scratch && cd /some/scratch
//   npm pack @cdktf/provider-aws@21.22.1 @cdktf/provider-local@11.1.1
//   mkdir aws local && tar xzf cdktf-provider-aws-21.22.1.tgz -C aws && tar xzf cdktf-provider-local-11.1.1.tgz -C local
//   cd <repo>/terraform/tools/validate
//   node --max-old-space-size=4096 scripts/extract-schema.js aws=/some/scratch/aws/package local=/some/scratch/local/package
//
// The aws assembly is 125 MB of JSON, hence the larger heap.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TOOL_DIR = path.resolve(__dirname, '..');
const KIT_TYPES = path.join(TOOL_DIR, 'schema', 'kit-types.json');
const OUT = path.join(TOOL_DIR, 'schema', 'provider-schema.json');

function usage(msg) {
  if (msg) console.error(`extract-schema: ${msg}`);
  console.error('usage: node scripts/extract-schema.js <provider>=<unpacked npm package dir> ...');
  process.exit(2);
}

const packageDirs = {};
for (const arg of process.argv.slice(2)) {
  const eq = arg.indexOf('=');
  if (eq < 1) usage(`argument '${arg}' is not <provider>=<dir>`);
  packageDirs[arg.slice(0, eq)] = arg.slice(eq + 1);
}

const kit = JSON.parse(fs.readFileSync(KIT_TYPES, 'utf8'));
for (const name of Object.keys(kit.providers)) {
  if (!packageDirs[name]) usage(`no package directory given for provider '${name}'`);
}

const DOC_LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/([^/]+\/[^/]+)\/([^/]+)\/docs\/(resources|data-sources)\/([a-z0-9_]+)(?:#([a-z0-9_]+))? /;

// The Terraform name of a struct property: the anchor of its registry link, which cdktf generates from the schema.
function terraformName(prop) {
  const text = `${prop.docs?.summary ?? ''} ${prop.docs?.remarks ?? ''}`;
  const m = DOC_LINK.exec(text);
  if (m && m[5]) return m[5];
  // Fallback: camelCase back to snake_case (only reached for properties without a registry link).
  return prop.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function isBlockProp(prop) {
  return /\bblock\.\s*$/.test(prop.docs?.summary ?? '');
}

// Unwraps `IResolvable | X` unions to X.
function mainType(type) {
  if (type.union) {
    const rest = type.union.types.filter((t) => t.fqn !== 'cdktf.IResolvable');
    return rest.length === 1 ? mainType(rest[0]) : { union: rest };
  }
  return type;
}

function describeType(types, type) {
  const t = mainType(type);
  if (t.primitive) return { boolean: 'bool', string: 'string', number: 'number', any: 'any', json: 'any' }[t.primitive] ?? t.primitive;
  if (t.collection) {
    const kind = t.collection.kind === 'map' ? 'map' : 'list';
    return `${kind}(${describeType(types, t.collection.elementtype)})`;
  }
  if (t.fqn) {
    const struct = types[t.fqn];
    if (struct && struct.kind === 'interface') return 'object';
    return 'any';
  }
  return 'any';
}

const opaqueBlocks = [];

function extractBlock(types, structFqn, outputRefFqn) {
  const struct = types[structFqn];
  if (!struct) throw new Error(`struct ${structFqn} not found`);
  const attributes = {};
  const blocks = {};
  const settable = new Set();
  const props = [...(struct.properties ?? [])];
  // Config structs of resources inherit Terraform meta-arguments (count, for_each, ...) from cdktf; skip those.
  for (const prop of props) {
    settable.add(prop.name);
    const name = terraformName(prop);
    const t = mainType(prop.type);
    if (isBlockProp(prop)) {
      let elementFqn;
      let nesting;
      if (t.fqn) {
        elementFqn = t.fqn;
        nesting = 'single';
      } else if (t.collection && t.collection.elementtype.fqn) {
        elementFqn = t.collection.elementtype.fqn;
        nesting = 'list';
      } else if (t.primitive === 'any') {
        // cdktf gives up on some deeply recursive blocks (aws_wafv2_web_acl's rule.statement) and types them `any`:
        // the provider's schema of their contents is not in the assembly. They are kept as opaque blocks, whose
        // presence is known but whose contents the validator cannot check.
        const entry = { nesting: 'list', opaque: true, block: { attributes: {}, blocks: {} } };
        if (!prop.optional) entry.required = true;
        blocks[name] = entry;
        opaqueBlocks.push(`${structFqn}.${name}`);
        continue;
      } else {
        throw new Error(`block ${structFqn}.${prop.name} has an unexpected type ${JSON.stringify(prop.type)}`);
      }
      const entry = { nesting, block: extractBlock(types, elementFqn, `${elementFqn}OutputReference`) };
      if (!prop.optional) entry.required = true;
      blocks[name] = entry;
    } else {
      const entry = { type: describeType(types, prop.type) };
      if (!prop.optional) entry.required = true;
      attributes[name] = entry;
    }
  }
  // Read-only attributes: getters of the resource class / output reference that are not in the config struct.
  const reader = outputRefFqn ? types[outputRefFqn] : null;
  if (reader) {
    for (const prop of reader.properties ?? []) {
      if (prop.static || prop.name.endsWith('Input') || settable.has(prop.name)) continue;
      if (['internalValue', 'creationStack', 'fqn', 'terraformAttribute', 'terraformResource'].includes(prop.name)) continue;
      const snake = prop.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      if (attributes[snake] || blocks[snake]) continue;
      attributes[snake] = { type: describeType(types, prop.type), readOnly: true };
    }
  }
  return sortKeys({ attributes: sortKeys(attributes), blocks: sortKeys(blocks) });
}

function sortKeys(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const META_ARGUMENTS = new Set(['connection', 'count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioners']);

const result = { comment: '', providers: {} };
for (const [providerName, spec] of Object.entries(kit.providers)) {
  const dir = packageDirs[providerName];
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const expected = spec.npmPackage.replace(/^(@[^@]+)@.*/, '$1');
  const expectedVersion = spec.npmPackage.slice(expected.length + 1);
  if (pkg.name !== expected || pkg.version !== expectedVersion) {
    usage(`${dir} holds ${pkg.name}@${pkg.version}, kit-types.json asks for ${spec.npmPackage}`);
  }
  const assembly = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
  const types = assembly.types;
  const byTerraformType = { resources: {}, dataSources: {} };
  for (const [fqn, type] of Object.entries(types)) {
    if (type.kind !== 'class') continue;
    const m = DOC_LINK.exec(type.docs?.summary ?? '');
    if (!m || !/^Represents a /.test(type.docs.summary)) continue;
    const kind = m[3] === 'resources' ? 'resources' : 'dataSources';
    const tfType = m[4].startsWith(`${providerName}_`) ? m[4] : `${providerName}_${m[4]}`;
    byTerraformType[kind][tfType] = fqn;
  }
  const out = {
    source: pkg.cdktf.provider.name,
    version: pkg.cdktf.provider.version,
    extractedFrom: `${pkg.name}@${pkg.version}`,
    allResourceTypes: Object.keys(byTerraformType.resources).sort(),
    allDataSourceTypes: Object.keys(byTerraformType.dataSources).sort(),
    resources: {},
    dataSources: {},
  };
  for (const kind of ['resources', 'dataSources']) {
    for (const tfType of spec[kind]) {
      const fqn = byTerraformType[kind][tfType];
      if (!fqn) throw new Error(`${providerName}: ${kind} type ${tfType} not found in ${spec.npmPackage}`);
      const cls = types[fqn];
      const configFqn = cls.initializer.parameters[2].type.fqn;
      const block = extractBlock(types, configFqn, fqn);
      for (const meta of META_ARGUMENTS) delete block.attributes[meta];
      out[kind][tfType] = block;
    }
  }
  result.providers[providerName] = out;
}
result.comment = 'Generated by scripts/extract-schema.js from ' +
  Object.values(result.providers).map((p) => `${p.extractedFrom} (${p.source} ${p.version})`).join(' and ') +
  '; do not edit by hand.';
fs.writeFileSync(OUT, `${JSON.stringify(result, null, 1)}\n`);
const counts = Object.entries(result.providers)
  .map(([n, p]) => `${n} ${p.version}: ${Object.keys(p.resources).length} resources, ${Object.keys(p.dataSources).length} data sources`)
  .join('; ');
console.log(`wrote ${path.relative(process.cwd(), OUT)} (${counts})`);
if (opaqueBlocks.length) console.log(`opaque blocks (contents not in the assembly): ${opaqueBlocks.join(', ')}`);
