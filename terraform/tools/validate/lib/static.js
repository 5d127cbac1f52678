'use strict';
// Checks of a module directory that need no evaluation: syntax, layout, declarations, every resource and data
// source against the provider schema, references, and module inputs.

const fs = require('node:fs');
const path = require('node:path');
const { suggest, escapeRe } = require('./hcl');
const { checkConstraint } = require('./schema');
const { entryMap, blockItems, lit, MODULE_META } = require('./plan');
const types = require('./types');

const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
const LIFECYCLE_KEYS = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition']);
const DYNAMIC_KEYS = new Set(['for_each', 'iterator', 'labels', 'content']);
const LAYOUT = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md'];

const TEMPLATE = /\$\{|%\{/;

class StaticChecker {
  constructor({ schema, diagnostics, loader }) {
    this.schema = schema;
    this.diagnostics = diagnostics;
    this.loader = loader;
  }

  where(mod, file, line, address) {
    return { file: path.relative(process.cwd(), path.join(mod.dir, file ?? '')), line, address };
  }

  err(mod, check, file, line, address, message) {
    this.diagnostics.error(check, this.where(mod, file, line, address), message);
  }

  warn(mod, check, file, line, address, message) {
    this.diagnostics.warning(check, this.where(mod, file, line, address), message);
  }

  async check(dir) {
    const compiled = await this.loader.load(dir);
    const mod = compiled.dir;
    for (const p of mod.problems) this.err(mod, p.check, p.file, p.line, null, p.message);
    this.layout(mod);
    this.terraformBlock(compiled);
    this.variables(compiled);
    this.outputs(compiled);
    for (const r of mod.resources.values()) this.resource(mod, r);
    for (const d of mod.data.values()) this.resource(mod, d);
    this.references(compiled);
    this.moduleCalls(compiled);
    this.moved(compiled);
    this.unused(compiled);
    return compiled;
  }

  layout(mod) {
    for (const f of LAYOUT) {
      if (!fs.existsSync(path.join(mod.dir, f))) {
        this.err(mod, 'layout', '', null, null, `missing ${f} (standard module structure: ${LAYOUT.join(', ')})`);
      }
    }
  }

  terraformBlock(compiled) {
    const mod = compiled.dir;
    if (compiled.terraform.length === 0) {
      this.err(mod, 'versions', 'versions.tf', null, null, 'no terraform { } block with required_version and required_providers');
      return;
    }
    // A module may spread its settings over several terraform blocks (versions.tf, backend.tf).
    const m = terraformSettings(compiled);
    const t = compiled.terraform.find((b) => entryMap(b.node).has('required_providers')) ?? compiled.terraform[0];
    if (!m.has('required_version')) this.err(mod, 'versions', t.decl.file, t.decl.line, 'terraform', 'terraform.required_version is missing');
    const rp = blockItems(m.get('required_providers'))[0];
    const declared = rp ? entryMap(rp) : new Map();
    const used = new Set();
    for (const r of [...mod.resources.values(), ...mod.data.values()]) {
      const p = this.schema.providerOf(r.type);
      if (p !== 'terraform') used.add(p);
    }
    for (const p of used) {
      if (!declared.has(p)) {
        this.err(mod, 'versions', t.decl.file, t.decl.line, 'terraform.required_providers', `provider "${p}" is used but not in required_providers`);
      }
    }
    for (const [name, node] of declared) {
      const spec = node.kind === 'object' ? entryMap(node) : new Map();
      const source = lit(spec.get('source'));
      const constraint = lit(spec.get('version'));
      if (!source || !constraint) {
        this.err(mod, 'versions', t.decl.file, t.decl.line, `terraform.required_providers.${name}`, 'give both source and version');
        continue;
      }
      const version = this.schema.providerVersion(name);
      if (!version) continue;
      if (!satisfies(version, constraint)) {
        this.err(mod, 'versions', t.decl.file, t.decl.line, `terraform.required_providers.${name}`,
          `version constraint "${constraint}" excludes ${version}, the provider version the code is checked against`);
      }
      const floor = lowerBound(constraint);
      const major = Number(version.split('.')[0]);
      if (!floor || floor[0] < major) {
        this.err(mod, 'versions', t.decl.file, t.decl.line, `terraform.required_providers.${name}`,
          `version constraint "${constraint}" admits provider versions before ${major}.0, which lack arguments the code uses (state a floor of ">= ${major}.0")`);
      }
      const ceiling = upperBound(constraint);
      if (!ceiling || cmp(ceiling, [major + 1, 0, 0]) > 0) {
        this.err(mod, 'versions', t.decl.file, t.decl.line, `terraform.required_providers.${name}`,
          `version constraint "${constraint}" has no upper bound below ${major + 1}.0, so a new major version (with its breaking changes) would be picked up unreviewed (write "~> ${major}.0", or add "< ${major + 1}.0")`);
      }
    }
  }

  variables(compiled) {
    const mod = compiled.dir;
    for (const [name, v] of compiled.variables) {
      const addr = `var.${name}`;
      const f = v.decl.file;
      const line = v.decl.line;
      if (!v.description) this.err(mod, 'variable.description', f, line, addr, 'every variable needs a description (it goes into the README)');
      if (!v.type) {
        this.err(mod, 'variable.type', f, line, addr, 'every variable needs a type constraint');
      } else {
        try {
          const t = types.parseType(v.type, null);
          if (types.containsAny(t)) this.err(mod, 'variable.type', f, line, addr, `type ${types.typeToString(t)} contains "any"; give the exact object() type with optional() defaults`);
        } catch (err) {
          this.err(mod, 'variable.type', f, line, addr, err.message);
        }
      }
      for (const val of v.validations) {
        if (!val.has('condition') || !val.has('error_message')) {
          this.err(mod, 'variable.validation', f, line, addr, 'a validation block needs condition and error_message');
          continue;
        }
        const refs = collectTraversals(val.get('condition'));
        if (!refs.some((r) => r.root === 'var' && r.parts[0]?.name === name)) {
          this.err(mod, 'variable.validation', f, line, addr, `the validation condition must refer to var.${name}`);
        }
      }
    }
  }

  outputs(compiled) {
    const mod = compiled.dir;
    for (const [name, o] of compiled.outputs) {
      if (!o.description) this.err(mod, 'output.description', o.decl.file, o.decl.line, `output.${name}`, 'every output needs a description (it goes into the README)');
      if (!o.value) this.err(mod, 'output.value', o.decl.file, o.decl.line, `output.${name}`, 'output has no value');
    }
  }

  // --- resources and data sources against the schema -----------------------------------------------------------

  resource(mod, r) {
    const addr = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    const found = this.schema.lookup(r.mode, r.type);
    if (found.problem === 'unknown-provider') {
      this.err(mod, 'schema.unknown-type', r.file, r.line, addr, `no schema for provider "${found.provider}" (the kit checks aws, local and Terraform's built-in types)`);
      return;
    }
    if (found.problem === 'unknown-type') {
      this.err(mod, 'schema.unknown-type', r.file, r.line, addr,
        `${r.mode === 'data' ? 'data source' : 'resource'} type "${r.type}" does not exist in the ${found.provider} provider${suggest(r.type, found.candidates)}`);
      return;
    }
    if (found.problem === 'not-in-excerpt') {
      this.err(mod, 'schema.not-in-excerpt', r.file, r.line, addr,
        `"${r.type}" is not in schema/provider-schema.json: add it to schema/kit-types.json and run scripts/extract-schema.js`);
      return;
    }
    const text = mod.fileText(r.file).split('\n').slice(r.extent.start - 1, r.extent.end);
    const allAttrNames = new Set();
    collectAttributeNames(found.block, allAttrNames);
    const ctx = { mod, r, addr, text, allAttrNames, mode: r.mode, type: r.type };
    this.body(ctx, r.body.raw, found.block, [], true);
  }

  body(ctx, raw, block, blockPath, topLevel) {
    const { mod, r, addr } = ctx;
    const at = (n) => [...blockPath, n].join('.');
    const lineOf = (n) => lineIn(ctx, n);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.err(mod, 'schema.block-shape', r.file, r.line, addr, `block "${blockPath.join('.')}" has an unexpected shape`);
      return;
    }
    const present = new Set();
    for (const [name, value] of Object.entries(raw)) {
      if (topLevel && RESOURCE_META.has(name)) {
        if (name === 'lifecycle') this.lifecycle(ctx, value);
        continue;
      }
      if (name === 'dynamic') {
        this.dynamicBlocks(ctx, value, block, blockPath, present);
        continue;
      }
      const attr = block.attributes[name];
      const sub = block.blocks[name];
      if (attr) {
        present.add(name);
        if (attr.readOnly) {
          this.err(mod, 'schema.read-only', r.file, lineOf(name), addr, `"${at(name)}" is read-only (computed by the provider); it cannot be set`);
          continue;
        }
        this.attributeValue(ctx, name, value, attr, blockPath);
        continue;
      }
      if (sub) {
        present.add(name);
        if (!Array.isArray(value)) {
          this.err(mod, 'schema.block-as-argument', r.file, lineOf(name), addr,
            `"${at(name)}" is a block: write ${name} { … } instead of ${name} = …`);
          continue;
        }
        // (A meta-argument's name, such as a WAF rule action's count { }, is assigned at the resource's top level.)
        if (!ctx.allAttrNames.has(name) && !RESOURCE_META.has(name) && findLine(ctx.text, new RegExp(`^\\s*${escapeRe(name)}\\s*=`)) !== null) {
          this.err(mod, 'schema.block-as-argument', r.file, lineOf(name), addr,
            `"${at(name)}" is a block: write ${name} { … } instead of ${name} = […]`);
          continue;
        }
        const dynCount = raw.dynamic && raw.dynamic[name] ? 1 : 0;
        if (sub.nesting === 'single' && value.length + dynCount > 1) {
          this.err(mod, 'schema.too-many-blocks', r.file, lineOf(name), addr, `block "${at(name)}" may appear at most once, found ${value.length + dynCount}`);
        }
        // An opaque block's contents are not in the schema excerpt (see scripts/extract-schema.js).
        if (sub.opaque) continue;
        for (const item of value) this.body(ctx, item, sub.block, [...blockPath, name], false);
        continue;
      }
      const candidates = [
        ...Object.entries(block.attributes).filter(([, a]) => !a.readOnly).map(([n]) => n),
        ...Object.keys(block.blocks),
      ];
      this.err(mod, 'schema.unknown-argument', r.file, lineOf(name), addr,
        `unknown ${blockPath.length ? `argument or block in ${blockPath.join('.')}` : 'argument or block'} "${name}"${suggest(name, candidates)}`);
    }
    for (const [name, attr] of Object.entries(block.attributes)) {
      if (attr.required && !present.has(name)) {
        this.err(mod, 'schema.missing-argument', r.file, r.line, addr, `required argument "${at(name)}" is missing`);
      }
    }
    for (const [name, sub] of Object.entries(block.blocks)) {
      if (sub.required && !present.has(name)) {
        this.err(mod, 'schema.missing-block', r.file, r.line, addr, `required block "${at(name)}" is missing`);
      }
    }
  }

  dynamicBlocks(ctx, value, block, blockPath, present) {
    const { mod, r, addr } = ctx;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      this.err(mod, 'schema.dynamic', r.file, r.line, addr, 'dynamic must be written as dynamic "name" { … }');
      return;
    }
    for (const [name, specs] of Object.entries(value)) {
      const sub = block.blocks[name];
      if (!sub) {
        const isAttr = Boolean(block.attributes[name]);
        this.err(mod, 'schema.dynamic', r.file, lineIn(ctx, name), addr,
          isAttr ? `dynamic "${name}": ${name} is an argument, not a block; dynamic only generates blocks`
            : `dynamic "${name}": no such block${suggest(name, Object.keys(block.blocks))}`);
        continue;
      }
      present.add(name);
      if (sub.opaque) continue;
      for (const spec of specs) {
        for (const k of Object.keys(spec)) {
          if (!DYNAMIC_KEYS.has(k)) this.err(mod, 'schema.dynamic', r.file, lineIn(ctx, name), addr, `dynamic "${name}": unknown argument "${k}"${suggest(k, [...DYNAMIC_KEYS])}`);
        }
        if (!('for_each' in spec)) this.err(mod, 'schema.dynamic', r.file, lineIn(ctx, name), addr, `dynamic "${name}" needs for_each`);
        if (!Array.isArray(spec.content) || spec.content.length !== 1) {
          this.err(mod, 'schema.dynamic', r.file, lineIn(ctx, name), addr, `dynamic "${name}" needs exactly one content block`);
          continue;
        }
        this.body(ctx, spec.content[0], sub.block, [...blockPath, name], false);
      }
    }
  }

  lifecycle(ctx, value) {
    const { mod, r, addr } = ctx;
    for (const lc of Array.isArray(value) ? value : [value]) {
      for (const k of Object.keys(lc)) {
        if (!LIFECYCLE_KEYS.has(k)) this.err(mod, 'schema.unknown-argument', r.file, lineIn(ctx, k), addr, `unknown lifecycle argument "${k}"${suggest(k, [...LIFECYCLE_KEYS])}`);
      }
    }
  }

  attributeValue(ctx, name, value, attr, blockPath) {
    const { mod, r, addr } = ctx;
    const at = [...blockPath, name].join('.');
    const line = lineIn(ctx, name);
    const t = attr.type;
    const isBlockSyntax = Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))
      && findLine(ctx.text, new RegExp(`^\\s*${escapeRe(name)}\\s*\\{`)) !== null
      && findLine(ctx.text, new RegExp(`^\\s*${escapeRe(name)}\\s*=`)) === null;
    if (isBlockSyntax) {
      this.err(mod, 'schema.argument-as-block', r.file, line, addr, `"${at}" is an argument: write ${name} = ${t.startsWith('map') ? '{ … }' : '…'} instead of ${name} { … }`);
      return;
    }
    const dep = this.schema.deprecation(ctx.mode, ctx.type, name);
    if (dep && blockPath.length === 0) this.warn(mod, 'deprecated', r.file, line, addr, `"${name}" is ${dep}`);
    const problem = literalTypeProblem(t, value);
    if (problem) {
      this.err(mod, 'schema.argument-type', r.file, line, addr, `"${at}": ${problem}`);
      return;
    }
    const rule = this.schema.constraint(ctx.mode, ctx.type, blockPath, name);
    if (rule && isLiteral(value)) {
      const msg = checkConstraint(rule, value);
      if (msg) this.err(mod, 'schema.allowed-values', r.file, line, addr, `"${at}": ${msg}`);
    }
  }

  // --- references --------------------------------------------------------------------------------------------

  references(compiled) {
    const mod = compiled.dir;
    const report = (decl, address, message) => this.err(mod, 'reference', decl.file, decl.line, address, message);
    const ctxBase = { compiled, checker: this, report };
    for (const [name, l] of compiled.locals) walk(l.node, { ...ctxBase, decl: l.decl, address: `local.${name}`, names: new Set() });
    for (const [name, o] of compiled.outputs) {
      const node = o.value;
      walk(node, { ...ctxBase, decl: o.decl, address: `output.${name}`, names: new Set() });
      for (const pre of o.preconditions) for (const n of pre.values()) walk(n, { ...ctxBase, decl: o.decl, address: `output.${name}`, names: new Set() });
    }
    // Terraform 1.9 lets a validation refer to other variables, locals and the like; before, only to its variable.
    const crossRefs = requiresAtLeast(compiled, [1, 9, 0]);
    for (const [name, v] of compiled.variables) {
      if (v.default) walk(v.default, { ...ctxBase, decl: v.decl, address: `var.${name}`, names: new Set(), noRefs: true });
      for (const val of v.validations) {
        for (const n of val.values()) walk(n, { ...ctxBase, decl: v.decl, address: `var.${name}`, names: new Set(), onlyVar: crossRefs ? null : name });
      }
    }
    for (const [key, r] of [...compiled.resources, ...[...compiled.data].map(([k, d]) => [`data.${k}`, d])]) {
      const m = entryMap(r.node);
      const each = m.has('for_each');
      const count = m.has('count');
      walkBody(r.node, { ...ctxBase, decl: r.decl, address: key, names: new Set(), each, count, self: key });
    }
    for (const [name, call] of compiled.modules) {
      const each = call.entries.has('for_each');
      const count = call.entries.has('count');
      for (const [k, n] of call.entries) {
        if (k === 'source' || k === 'version' || k === 'providers') continue;
        walk(n, { ...ctxBase, decl: call.decl, address: `module.${name}.${k}`, names: new Set(), each, count });
      }
    }
    for (const p of compiled.providers) walkBody(p.node, { ...ctxBase, decl: p.decl, address: `provider.${p.decl.name}`, names: new Set() });
    for (const [name, ch] of compiled.checks) {
      for (const a of ch.asserts) for (const n of a.values()) walk(n, { ...ctxBase, decl: ch.decl, address: `check.${name}`, names: new Set() });
    }
  }

  moduleCalls(compiled) {
    const mod = compiled.dir;
    for (const [name, call] of compiled.modules) {
      const source = lit(call.entries.get('source'));
      const addr = `module.${name}`;
      if (typeof source !== 'string') {
        this.err(mod, 'module.source', call.decl.file, call.decl.line, addr, 'source must be a literal string');
        continue;
      }
      if (!source.startsWith('./') && !source.startsWith('../')) {
        this.warn(mod, 'module.source', call.decl.file, call.decl.line, addr, `source "${source}" is not a local path; its inputs are not checked`);
        continue;
      }
      const childDir = path.resolve(mod.dir, source);
      const child = this.loader.cache.get(childDir);
      if (!child) {
        this.err(mod, 'module.source', call.decl.file, call.decl.line, addr, `source "${source}" is not a directory with Terraform files`);
        continue;
      }
      const declared = [...child.variables.keys()];
      for (const k of call.entries.keys()) {
        if (MODULE_META.has(k)) continue;
        if (!child.variables.has(k)) {
          this.err(mod, 'module.unknown-input', call.decl.file, lineAfter(mod, call.decl, k), addr,
            `module ${source} has no variable "${k}"${suggest(k, declared)}`);
        }
      }
      for (const [vname, v] of child.variables) {
        if (!v.hasDefault && !call.entries.has(vname)) {
          this.err(mod, 'module.input-missing', call.decl.file, call.decl.line, addr, `required input "${vname}" of ${source} is not set`);
        }
      }
    }
  }

  moved(compiled) {
    const mod = compiled.dir;
    for (const mv of compiled.moved) {
      const m = entryMap(mv.node);
      for (const k of ['from', 'to']) {
        if (!m.has(k)) this.err(mod, 'moved', mv.decl.file, mv.decl.line, 'moved', `moved block needs "${k}"`);
      }
      const to = m.get('to');
      if (to && to.kind === 'trav') {
        const target = to.root === 'module' ? compiled.modules.has(to.parts[0]?.name)
          : compiled.resources.has(`${to.root}.${to.parts[0]?.name}`);
        if (!target) this.err(mod, 'moved', mv.decl.file, mv.decl.line, 'moved', `moved.to refers to ${to.text}, which is not declared`);
      }
    }
  }

  unused(compiled) {
    const mod = compiled.dir;
    const used = { var: new Set(), local: new Set(), data: new Set() };
    const note = (n) => {
      for (const t of collectTraversals(n)) {
        if (t.root === 'var' && t.parts[0]) used.var.add(t.parts[0].name);
        if (t.root === 'local' && t.parts[0]) used.local.add(t.parts[0].name);
        if (t.root === 'data' && t.parts[1]) used.data.add(`${t.parts[0].name}.${t.parts[1].name}`);
      }
    };
    for (const l of compiled.locals.values()) note(l.node);
    for (const o of compiled.outputs.values()) { note(o.value); for (const p of o.preconditions) for (const n of p.values()) note(n); }
    for (const r of compiled.resources.values()) note(r.node);
    for (const d of compiled.data.values()) note(d.node);
    for (const c of compiled.modules.values()) note(c.node);
    for (const p of compiled.providers) note(p.node);
    for (const ch of compiled.checks.values()) for (const a of ch.asserts) for (const n of a.values()) note(n);
    for (const [name, v] of compiled.variables) {
      if (!used.var.has(name)) this.err(mod, 'unused', v.decl.file, v.decl.line, `var.${name}`, `variable "${name}" is declared but never used`);
    }
    for (const [name, l] of compiled.locals) {
      if (!used.local.has(name)) this.err(mod, 'unused', l.decl.file, l.decl.line, `local.${name}`, `local value "${name}" is declared but never used`);
    }
    for (const [key, d] of compiled.data) {
      if (!used.data.has(key)) this.err(mod, 'unused', d.decl.file, d.decl.line, `data.${key}`, `data source "${key}" is declared but never used`);
    }
  }
}

// --- reference walking -------------------------------------------------------------------------------------------

function walkBody(node, ctx) {
  if (!node || node.kind !== 'object') return walk(node, ctx);
  for (const { key, value } of node.entries) {
    const k = lit(key);
    if (k === 'dynamic' && value.kind === 'object') {
      for (const { key: dk, value: specs } of value.entries) {
        const blockName = lit(dk);
        for (const spec of blockItems(specs)) {
          const sm = entryMap(spec);
          walk(sm.get('for_each'), ctx);
          const it = sm.get('iterator');
          const iterName = it ? (it.root ?? lit(it)) : blockName;
          const names = new Set(ctx.names);
          names.add(iterName);
          for (const content of blockItems(sm.get('content'))) walkBody(content, { ...ctx, names });
        }
      }
      continue;
    }
    if (value.kind === 'tuple' && value.items.every((i) => i.kind === 'object')) {
      for (const i of value.items) walkBody(i, ctx);
      continue;
    }
    if (value.kind === 'object') {
      walkBody(value, ctx);
      continue;
    }
    walk(value, ctx);
  }
  return undefined;
}

function walk(node, ctx) {
  if (!node) return;
  switch (node.kind) {
    case 'lit':
      return;
    case 'tmpl':
      for (const p of node.parts) if (typeof p !== 'string') walk(p, ctx);
      return;
    case 'tuple':
      for (const i of node.items) walk(i, ctx);
      return;
    case 'object':
      for (const e of node.entries) { walk(e.key, ctx); walk(e.value, ctx); }
      return;
    case 'trav':
      checkTraversal(node, ctx);
      return;
    case 'rel':
      walk(node.source, ctx);
      return;
    case 'index':
      walk(node.collection, ctx);
      walk(node.key, ctx);
      return;
    case 'splat':
      walk(node.source, ctx);
      return;
    case 'call':
      for (const a of node.args) walk(a, ctx);
      return;
    case 'for': {
      walk(node.collection, ctx);
      const names = new Set(ctx.names);
      if (node.keyVar) names.add(node.keyVar);
      names.add(node.valueVar);
      const inner = { ...ctx, names };
      walk(node.key, inner);
      walk(node.value, inner);
      walk(node.cond, inner);
      return;
    }
    case 'cond':
      walk(node.cond, ctx); walk(node.yes, ctx); walk(node.no, ctx);
      return;
    case 'binary':
      walk(node.left, ctx); walk(node.right, ctx);
      return;
    case 'unary':
      walk(node.operand, ctx);
      return;
    default:
  }
}

function checkTraversal(node, ctx) {
  const { compiled, report, decl, address } = ctx;
  const root = node.root;
  const parts = node.parts;
  const bad = (msg) => report(decl, address, `${msg} (in ${node.text})`);
  if (ctx.names.has(root)) return;
  if (ctx.noRefs) { bad('a variable default cannot refer to other values'); return; }
  if (ctx.onlyVar) {
    // Terraform before 1.9 lets a validation block refer to its own variable only.
    if (!(root === 'var' && parts[0]?.name === ctx.onlyVar)) bad(`a validation block may refer only to var.${ctx.onlyVar}`);
    return;
  }
  switch (root) {
    case 'var':
      if (!parts[0]?.name || !compiled.variables.has(parts[0].name)) bad(`undeclared input variable "var.${parts[0]?.name}"${suggest(parts[0]?.name ?? '', [...compiled.variables.keys()])}`);
      return;
    case 'local':
      if (!parts[0]?.name || !compiled.locals.has(parts[0].name)) bad(`undeclared local value "local.${parts[0]?.name}"${suggest(parts[0]?.name ?? '', [...compiled.locals.keys()])}`);
      return;
    case 'each':
      if (!ctx.each) bad('each.key / each.value used outside a resource, data source or module with for_each');
      else if (!['key', 'value'].includes(parts[0]?.name)) bad('each has only key and value');
      return;
    case 'count':
      if (!ctx.count) bad('count.index used outside a resource, data source or module with count');
      else if (parts[0]?.name !== 'index') bad('count has only index');
      return;
    case 'path':
      if (!['module', 'root', 'cwd'].includes(parts[0]?.name)) bad('path has only module, root and cwd');
      return;
    case 'terraform':
      if (parts[0]?.name !== 'workspace') bad('terraform has only workspace');
      return;
    case 'self':
      return;
    case 'module': {
      const name = parts[0]?.name;
      const call = compiled.modules.get(name);
      if (!call) { bad(`undeclared module "module.${name}"${suggest(name ?? '', [...compiled.modules.keys()])}`); return; }
      const out = parts[1]?.name;
      const source = lit(call.entries.get('source'));
      const child = typeof source === 'string' ? ctx.checker.loader.cache.get(path.resolve(compiled.dir.dir, source)) : null;
      if (out && child && !child.outputs.has(out)) bad(`module "${name}" has no output "${out}"${suggest(out, [...child.outputs.keys()])}`);
      return;
    }
    case 'data': {
      const key = `${parts[0]?.name}.${parts[1]?.name}`;
      const d = compiled.data.get(key);
      if (!d) { bad(`undeclared data source "data.${key}"${suggest(key, [...compiled.data.keys()])}`); return; }
      checkAttribute(ctx, 'data', d.decl.type, parts.slice(2), bad);
      return;
    }
    default: {
      const key = `${root}.${parts[0]?.name}`;
      const r = compiled.resources.get(key);
      if (r) { checkAttribute(ctx, 'managed', r.decl.type, parts.slice(1), bad); return; }
      if (root.includes('_')) bad(`undeclared resource "${key}"${suggest(key, [...compiled.resources.keys()])}`);
      else bad(`unknown name "${root}"`);
    }
  }
}

function checkAttribute(ctx, mode, type, rest, bad) {
  const first = rest.find((p) => 'name' in p);
  const firstIndex = rest.indexOf(first);
  if (!first) return;
  // An index right after the name selects an instance; a name directly after it is the attribute.
  if (rest.slice(0, firstIndex).some((p) => !('index' in p))) return;
  const found = ctx.checker.schema.lookup(mode, type);
  if (!found.block) return;
  const b = found.block;
  if (!b.attributes[first.name] && !b.blocks[first.name]) {
    bad(`${type} has no attribute "${first.name}"${suggest(first.name, [...Object.keys(b.attributes), ...Object.keys(b.blocks)])}`);
  }
}

function collectTraversals(node, out = []) {
  if (!node) return out;
  if (node.kind === 'trav') out.push(node);
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) {
      for (const x of v) {
        if (x && typeof x === 'object' && x.kind) collectTraversals(x, out);
        else if (x && typeof x === 'object' && x.key) { collectTraversals(x.key, out); collectTraversals(x.value, out); }
      }
    } else if (v && typeof v === 'object' && v.kind) collectTraversals(v, out);
  }
  return out;
}

// --- helpers -----------------------------------------------------------------------------------------------------

function collectAttributeNames(block, out) {
  for (const n of Object.keys(block.attributes)) out.add(n);
  for (const b of Object.values(block.blocks)) collectAttributeNames(b.block, out);
}

function findLine(lines, re) {
  for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) return i;
  return null;
}

function lineIn(ctx, name) {
  const i = findLine(ctx.text, new RegExp(`^\\s*(${escapeRe(name)}\\s*[={]|dynamic\\s+"${escapeRe(name)}")`));
  return i === null ? ctx.r.line : ctx.r.extent.start + i;
}

function lineAfter(mod, decl, name) {
  const lines = mod.fileText(decl.file).split('\n');
  for (let i = decl.line; i < lines.length; i++) if (new RegExp(`^\\s*${escapeRe(name)}\\s*=`).test(lines[i])) return i + 1;
  return decl.line;
}

function isLiteral(v) {
  if (typeof v === 'string') return !TEMPLATE.test(v);
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isLiteral);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => !TEMPLATE.test(k) && isLiteral(x));
  return false;
}

function literalTypeProblem(t, v) {
  if (typeof v === 'string' && TEMPLATE.test(v)) return null;
  if (v === null) return null;
  if (t === 'string') {
    return typeof v === 'object' ? `a string is required, got ${Array.isArray(v) ? 'a list' : 'an object'}` : null;
  }
  if (t === 'number') {
    if (typeof v === 'number') return null;
    if (typeof v === 'string' && !Number.isNaN(Number(v))) return null;
    return `a number is required, got ${JSON.stringify(v)}`;
  }
  if (t === 'bool') {
    if (typeof v === 'boolean' || v === 'true' || v === 'false') return null;
    return `a bool is required, got ${JSON.stringify(v)}`;
  }
  if (t.startsWith('list(')) {
    if (Array.isArray(v)) return null;
    return `a list is required, got ${typeof v === 'object' ? 'an object' : JSON.stringify(v)}`;
  }
  if (t.startsWith('map(')) {
    if (v && typeof v === 'object' && !Array.isArray(v)) return null;
    return `a map is required, got ${Array.isArray(v) ? 'a list' : JSON.stringify(v)}`;
  }
  return null;
}

// --- version constraints -----------------------------------------------------------------------------------------

function parseVersion(s) {
  return s.split('.').map((x) => Number.parseInt(x, 10) || 0).concat([0, 0, 0]).slice(0, 3);
}

function cmp(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function satisfies(version, constraint) {
  const v = parseVersion(version);
  return constraint.split(',').map((c) => c.trim()).filter(Boolean).every((c) => {
    const m = /^(>=|<=|>|<|=|!=|~>)?\s*v?([0-9][0-9.]*)$/.exec(c);
    if (!m) return true;
    const op = m[1] || '=';
    const target = parseVersion(m[2]);
    const d = cmp(v, target);
    switch (op) {
      case '>=': return d >= 0;
      case '<=': return d <= 0;
      case '>': return d > 0;
      case '<': return d < 0;
      case '!=': return d !== 0;
      case '~>': {
        const segs = m[2].split('.').length;
        const upper = [...target];
        if (segs <= 1) return d >= 0;
        upper[segs - 2] += 1;
        for (let i = segs - 1; i < 3; i++) upper[i] = 0;
        return d >= 0 && cmp(v, upper) < 0;
      }
      default: return d === 0;
    }
  });
}

// The settings of all terraform blocks of a module, merged (required_providers entries too).
function terraformSettings(compiled) {
  const merged = new Map();
  for (const t of compiled.terraform) {
    for (const [k, v] of entryMap(t.node)) {
      if (k === 'required_providers' && merged.has(k)) {
        const a = blockItems(merged.get(k))[0];
        const b = blockItems(v)[0];
        if (a && b) merged.set(k, { kind: 'tuple', items: [{ ...a, entries: [...a.entries, ...b.entries] }] });
        continue;
      }
      merged.set(k, v);
    }
  }
  return merged;
}

// Whether the module's required_version admits only Terraform releases from `version` on.
function requiresAtLeast(compiled, version) {
  const rv = lit(terraformSettings(compiled).get('required_version'));
  if (typeof rv !== 'string') return false;
  const floor = lowerBound(rv);
  return Boolean(floor) && cmp(floor, version) >= 0;
}

// The lowest version a constraint excludes from above (the smallest "<" or "~>" ceiling), or null.
function upperBound(constraint) {
  let best = null;
  for (const c of constraint.split(',').map((x) => x.trim())) {
    const m = /^(<=|<|=|~>)?\s*v?([0-9][0-9.]*)$/.exec(c);
    if (!m) continue;
    const op = m[1] || '=';
    const v = parseVersion(m[2]);
    let ceiling;
    if (op === '<' || op === '<=' || op === '=') ceiling = op === '<' ? v : [v[0], v[1], v[2] + 1];
    else {
      const segs = m[2].split('.').length;
      if (segs <= 1) continue;
      ceiling = [...v];
      ceiling[segs - 2] += 1;
      for (let i = segs - 1; i < 3; i++) ceiling[i] = 0;
    }
    if (!best || cmp(ceiling, best) < 0) best = ceiling;
  }
  return best;
}

function lowerBound(constraint) {
  let best = null;
  for (const c of constraint.split(',').map((x) => x.trim())) {
    const m = /^(>=|>|=|~>)?\s*v?([0-9][0-9.]*)$/.exec(c);
    if (!m) continue;
    const v = parseVersion(m[2]);
    if (!best || cmp(v, best) > 0) best = v;
  }
  return best;
}

module.exports = {
  StaticChecker, satisfies, lowerBound, upperBound, collectTraversals, terraformSettings, requiresAtLeast,
};
