'use strict';
// An offline "terraform plan" of a root module: variables (with type conversion, optional() defaults and
// validation blocks), locals, module calls, count/for_each, dynamic blocks, preconditions, check blocks and
// outputs, evaluated the way Terraform evaluates them, with everything the provider only knows after apply
// represented as an Unknown that remembers its origin. The result (every resource instance with its arguments)
// is what the schema-value and security checks inspect.

const path = require('node:path');
const fs = require('node:fs');
const hcl2json = require('@cdktf/hcl2json');
const { loadModuleDir, compileValue, suggest } = require('./hcl');
const {
  Unknown, PolicyDocument, EncodedJson, ResourceInstance, isObject, containsUnknown, containsSecret, typeName,
  deepEqual, formatNumber, symOf, isErrorDerived, ERROR_MARK,
} = require('./values');
const { callFunction, FunctionError } = require('./functions');
const types = require('./types');
const { checkConstraint } = require('./schema');

class EvalError extends Error {}

const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function lit(node) {
  return node && node.kind === 'lit' ? node.value : undefined;
}

function entryMap(objectNode) {
  const m = new Map();
  if (!objectNode || objectNode.kind !== 'object') return m;
  for (const e of objectNode.entries) {
    const k = lit(e.key);
    if (typeof k === 'string') m.set(k, e.value);
  }
  return m;
}

// A block given as `name { … }` compiles to a tuple of objects; return those objects.
function blockItems(node) {
  if (!node) return [];
  if (node.kind === 'tuple') return node.items.filter((i) => i.kind === 'object');
  if (node.kind === 'object') return [node];
  return [];
}

function keyRepr(key) {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

// ---------------------------------------------------------------------------------------------------------------

class CompiledModule {
  static async compile(dirModel) {
    const c = new CompiledModule();
    c.dir = dirModel;
    c.variables = new Map();
    for (const [name, v] of dirModel.variables) {
      const node = await compileValue(v.body.raw, v.file);
      const m = entryMap(node);
      c.variables.set(name, {
        decl: v, node, type: m.get('type'), default: m.get('default'), hasDefault: m.has('default'),
        validations: blockItems(m.get('validation')).map((b) => entryMap(b)),
        description: lit(m.get('description')), sensitive: lit(m.get('sensitive')) === true,
        nullable: lit(m.get('nullable')) !== false,
      });
    }
    c.locals = new Map();
    for (const [name, l] of dirModel.locals) c.locals.set(name, { decl: l, node: await compileValue(l.raw, l.file) });
    c.outputs = new Map();
    for (const [name, o] of dirModel.outputs) {
      const node = await compileValue(o.body.raw, o.file);
      const m = entryMap(node);
      c.outputs.set(name, {
        decl: o, value: m.get('value'), sensitive: lit(m.get('sensitive')) === true, description: lit(m.get('description')),
        preconditions: blockItems(m.get('precondition')).map((b) => entryMap(b)),
      });
    }
    c.modules = new Map();
    for (const [name, mdl] of dirModel.modules) {
      const node = await compileValue(mdl.body.raw, mdl.file);
      c.modules.set(name, { decl: mdl, node, entries: entryMap(node) });
    }
    c.resources = new Map();
    for (const [key, r] of dirModel.resources) c.resources.set(key, { decl: r, node: await compileValue(r.body.raw, r.file) });
    c.data = new Map();
    for (const [key, d] of dirModel.data) c.data.set(key, { decl: d, node: await compileValue(d.body.raw, d.file) });
    c.providers = [];
    for (const p of dirModel.providers) c.providers.push({ decl: p, node: await compileValue(p.body.raw, p.file) });
    c.checks = new Map();
    for (const [name, ch] of dirModel.checks) {
      const node = await compileValue(ch.body.raw, ch.file);
      c.checks.set(name, { decl: ch, asserts: blockItems(entryMap(node).get('assert')).map((b) => entryMap(b)) });
    }
    c.terraform = [];
    for (const t of dirModel.terraform) c.terraform.push({ decl: t, node: await compileValue(t.body.raw, t.file) });
    c.moved = [];
    for (const mv of dirModel.moved) c.moved.push({ decl: mv, node: await compileValue(mv.body.raw, mv.file) });
    return c;
  }
}

// Loads and compiles module directories once.
class ModuleLoader {
  constructor() {
    this.cache = new Map();
  }

  async load(dir) {
    const abs = path.resolve(dir);
    if (!this.cache.has(abs)) {
      const model = await loadModuleDir(abs);
      const compiled = await CompiledModule.compile(model);
      this.cache.set(abs, compiled);
      // Child modules are loaded up front so that evaluation can stay synchronous.
      for (const m of compiled.modules.values()) {
        const source = lit(m.entries.get('source'));
        if (typeof source === 'string' && (source.startsWith('./') || source.startsWith('../'))) {
          const childDir = path.resolve(abs, source);
          if (fs.existsSync(childDir)) await this.load(childDir);
        }
      }
    }
    return this.cache.get(abs);
  }
}

// ---------------------------------------------------------------------------------------------------------------

class Planner {
  constructor({ schema, diagnostics, baseDir, workspace = 'default' }) {
    this.schema = schema;
    this.diagnostics = diagnostics;
    this.baseDir = baseDir;
    this.workspace = workspace;
    this.instances = [];
    this.modules = [];
    this.awsRegion = null;
  }

  report(severity, check, mi, loc, message) {
    this.diagnostics.add({
      severity, check, file: loc?.file ? path.relative(process.cwd(), path.join(mi.compiled.dir.dir, loc.file)) : mi.compiled.dir.dir,
      line: loc?.line, address: loc?.address ?? (mi.prefix.replace(/\.$/, '') || 'root'), message,
    });
  }
}

class ModuleInstance {
  constructor(planner, compiled, { prefix = '', parent = null, call = null, rootVars = null, loader }) {
    this.planner = planner;
    this.compiled = compiled;
    this.prefix = prefix;
    this.parent = parent;
    this.call = call;
    this.rootVars = rootVars;
    this.loader = loader;
    this.varCache = new Map();
    this.localCache = new Map();
    this.collectionCache = new Map();
    this.outputCache = new Map();
    this.children = new Map();
    this.inProgress = new Set();
    planner.modules.push(this);
  }

  get dir() {
    return this.compiled.dir.dir;
  }

  // --- scope ------------------------------------------------------------------------------------------------

  guard(key, fn) {
    if (this.inProgress.has(key)) throw new EvalError(`cycle: ${this.prefix}${key} depends on itself`);
    this.inProgress.add(key);
    try {
      return fn();
    } finally {
      this.inProgress.delete(key);
    }
  }

  variable(name) {
    if (this.varCache.has(name)) return this.varCache.get(name);
    const v = this.compiled.variables.get(name);
    if (!v) throw new EvalError(`reference to undeclared input variable "${name}"${suggest(name, [...this.compiled.variables.keys()])}`);
    const value = this.guard(`var.${name}`, () => this.computeVariable(name, v));
    this.varCache.set(name, value);
    return value;
  }

  computeVariable(name, v) {
    const loc = { file: v.decl.file, line: v.decl.line, address: `${this.prefix}var.${name}` };
    let raw;
    let given = false;
    if (this.rootVars) {
      if (Object.prototype.hasOwnProperty.call(this.rootVars, name)) { raw = this.rootVars[name]; given = true; }
    } else if (this.call) {
      const node = this.call.entries.get(name);
      if (node) {
        given = true;
        raw = this.parent.evaluateAt(node, {}, { file: this.call.decl.file, line: this.call.decl.line, address: `${this.parent.prefix}module.${this.call.decl.name}.${name}` });
      }
    }
    if (!given) {
      if (!v.hasDefault) {
        this.planner.report('error', 'module.input-missing', this, loc, `no value for required variable "${name}"`);
        return new Unknown(`${ERROR_MARK} ${this.prefix}var.${name}`);
      }
      raw = this.evaluate(v.default, {});
    }
    if (raw === null && !v.nullable && v.hasDefault) raw = this.evaluate(v.default, {});
    let type = { kind: 'any' };
    try {
      type = types.parseType(v.type, null);
    } catch (err) {
      this.planner.report('error', 'variable.type', this, loc, err.message);
    }
    const extra = [];
    let value;
    try {
      value = types.convert(raw, type, `var.${name}`, (node) => this.evaluate(node, {}), extra);
    } catch (err) {
      if (!(err instanceof types.TypeError)) throw err;
      this.planner.report('error', 'variable.value', this, loc, `invalid value for variable "${name}": ${err.message}`);
      return new Unknown(`${ERROR_MARK} ${this.prefix}var.${name}`);
    }
    for (const attr of extra) {
      this.planner.report('error', 'variable.extra-attribute', this, loc,
        `${attr} is not an attribute of the variable's type; Terraform would drop it silently${suggest(attr.split('.').pop(), attributeNamesAt(type, attr))}`);
    }
    for (const validation of v.validations) {
      const scope = { varOverride: { name, value } };
      const ok = this.evaluateAt(validation.get('condition'), scope, loc);
      if (ok === false) {
        const msg = this.evaluateAt(validation.get('error_message'), scope, loc);
        this.planner.report('error', 'variable.validation', this, loc, `invalid value for variable "${name}": ${typeof msg === 'string' ? msg : symOf(msg)}`);
      }
    }
    return value;
  }

  local(name) {
    if (this.localCache.has(name)) return this.localCache.get(name);
    const l = this.compiled.locals.get(name);
    if (!l) throw new EvalError(`reference to undeclared local value "${name}"${suggest(name, [...this.compiled.locals.keys()])}`);
    const value = this.guard(`local.${name}`, () => this.evaluateAt(l.node, {}, { file: l.decl.file, line: l.decl.line, address: `${this.prefix}local.${name}` }));
    this.localCache.set(name, value);
    return value;
  }

  child(name) {
    if (this.children.has(name)) return this.children.get(name);
    const call = this.compiled.modules.get(name);
    if (!call) throw new EvalError(`reference to undeclared module "${name}"${suggest(name, [...this.compiled.modules.keys()])}`);
    const source = lit(call.entries.get('source'));
    const dir = path.resolve(this.dir, source);
    const compiled = this.loader.cache.get(dir);
    if (!compiled) throw new EvalError(`module "${name}": source ${source} is not a module directory`);
    if (call.entries.has('count') || call.entries.has('for_each')) {
      throw new EvalError(`module "${name}": count and for_each on modules are not supported by the offline plan`);
    }
    const child = new ModuleInstance(this.planner, compiled, { prefix: `${this.prefix}module.${name}.`, parent: this, call, loader: this.loader });
    this.children.set(name, child);
    return child;
  }

  output(name) {
    if (this.outputCache.has(name)) return this.outputCache.get(name);
    const o = this.compiled.outputs.get(name);
    if (!o) throw new EvalError(`module ${this.prefix.replace(/\.$/, '')} has no output "${name}"${suggest(name, [...this.compiled.outputs.keys()])}`);
    const loc = { file: o.decl.file, line: o.decl.line, address: `${this.prefix}output.${name}` };
    const value = this.guard(`output.${name}`, () => this.evaluateAt(o.value, {}, loc));
    this.outputCache.set(name, value);
    return value;
  }

  // The value of `type.name` (or `data.type.name`): one instance, a list (count) or a map (for_each).
  collection(mode, key) {
    const cacheKey = `${mode}:${key}`;
    if (this.collectionCache.has(cacheKey)) return this.collectionCache.get(cacheKey);
    const entry = (mode === 'data' ? this.compiled.data : this.compiled.resources).get(key);
    if (!entry) {
      const pool = mode === 'data' ? this.compiled.data : this.compiled.resources;
      throw new EvalError(`reference to undeclared ${mode === 'data' ? 'data source' : 'resource'} "${mode === 'data' ? 'data.' : ''}${key}"${suggest(key, [...pool.keys()])}`);
    }
    const value = this.guard(cacheKey, () => this.expand(mode, entry));
    this.collectionCache.set(cacheKey, value);
    return value;
  }

  expand(mode, entry) {
    const { decl, node } = entry;
    const m = entryMap(node);
    const base = `${this.prefix}${mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    const loc = { file: decl.file, line: decl.line, address: base };
    if (m.has('for_each')) {
      const fe = this.evaluateAt(m.get('for_each'), {}, loc);
      if (fe instanceof Unknown || containsUnknownKeys(fe)) {
        if (isErrorDerived(fe)) return new Unknown(`${ERROR_MARK} ${base}`);
        this.planner.report('error', 'plan.for-each-unknown', this, loc,
          'for_each depends on values known only after apply; Terraform cannot plan this. Derive the keys from configuration, not from resource attributes');
        return new Unknown(base);
      }
      let pairs;
      if (Array.isArray(fe)) {
        if (!fe.every((k) => typeof k === 'string')) {
          this.planner.report('error', 'plan.for-each-type', this, loc, 'for_each needs a map or a set of strings');
          return new Unknown(base);
        }
        pairs = [...new Set(fe)].sort().map((k) => [k, k]);
      } else if (isObject(fe)) {
        pairs = Object.keys(fe).sort().map((k) => [k, fe[k]]);
      } else {
        this.planner.report('error', 'plan.for-each-type', this, loc, `for_each needs a map or a set of strings, got ${typeName(fe)}`);
        return new Unknown(base);
      }
      const out = {};
      for (const [k, v] of pairs) out[k] = this.instance(mode, entry, `${base}${keyRepr(k)}`, { each: { key: k, value: v } });
      return out;
    }
    if (m.has('count')) {
      const count = this.evaluateAt(m.get('count'), {}, loc);
      if (count instanceof Unknown) {
        if (isErrorDerived(count)) return new Unknown(`${ERROR_MARK} ${base}`);
        this.planner.report('error', 'plan.count-unknown', this, loc, 'count depends on values known only after apply; Terraform cannot plan this');
        return new Unknown(base);
      }
      if (typeof count !== 'number' || count < 0 || !Number.isInteger(count)) {
        this.planner.report('error', 'plan.count-type', this, loc, `count must be a whole number, got ${JSON.stringify(count)}`);
        return new Unknown(base);
      }
      return Array.from({ length: count }, (_, i) => this.instance(mode, entry, `${base}[${i}]`, { count: { index: i } }));
    }
    return this.instance(mode, entry, base, {});
  }

  instance(mode, entry, address, scope) {
    const { decl, node } = entry;
    const found = this.planner.schema.lookup(mode, decl.type);
    const schemaBlock = found.block ?? null;
    const loc = { file: decl.file, line: decl.line, address };
    const attributes = this.evaluateBody(node, scope, schemaBlock, loc, [], mode, decl.type);
    const computed = this.computedValues(mode, decl.type, address, attributes);
    const inst = new ResourceInstance(address, decl.type, mode, attributes, schemaBlock, this.planner.schema.secretsOf(decl.type), computed);
    inst.module = this;
    inst.decl = decl;
    // Preconditions are checked during plan when their values are known.
    const lifecycle = blockItems(entryMap(node).get('lifecycle'));
    for (const lc of lifecycle) {
      for (const pre of blockItems(entryMap(lc).get('precondition'))) {
        const pm = entryMap(pre);
        const ok = this.evaluateAt(pm.get('condition'), scope, loc);
        if (ok === false) {
          const msg = this.evaluateAt(pm.get('error_message'), scope, loc);
          this.planner.report('error', 'plan.precondition', this, loc, `precondition failed: ${typeof msg === 'string' ? msg : symOf(msg)}`);
        }
      }
    }
    this.planner.instances.push(inst);
    return inst;
  }

  computedValues(mode, type, address, attrs) {
    if (mode === 'data' && type === 'aws_iam_policy_document') {
      const doc = new PolicyDocument(address, (attrs.statement ?? []).map(normalizeStatement));
      const usesOthers = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']
        .some((k) => attrs[k] !== undefined && attrs[k] !== null);
      return usesOthers ? {} : { json: doc, minified_json: doc };
    }
    if (mode === 'data' && type === 'aws_region') {
      const region = attrs.region ?? this.planner.awsRegion;
      return region ? { region, name: region, id: region } : {};
    }
    if (mode === 'managed' && type === 'terraform_data') {
      return { output: attrs.input ?? null };
    }
    return {};
  }

  // Evaluates a block body against its schema: attributes, nested blocks and dynamic blocks.
  evaluateBody(node, scope, schemaBlock, loc, blockPath, mode, type) {
    const out = {};
    if (!node || node.kind !== 'object') return out;
    for (const { key, value } of node.entries) {
      const name = lit(key);
      if (blockPath.length === 0 && RESOURCE_META.has(name)) continue;
      if (name === 'dynamic') {
        for (const dyn of node.kind === 'object' ? entryMap(value) : []) {
          const [blockName, specs] = dyn;
          const sb = schemaBlock?.blocks[blockName];
          for (const spec of blockItems(specs)) {
            const sm = entryMap(spec);
            const iterName = sm.has('iterator') ? (sm.get('iterator').root ?? lit(sm.get('iterator'))) : blockName;
            const fe = this.evaluateAt(sm.get('for_each'), scope, loc);
            if (fe instanceof Unknown) {
              out[blockName] = new Unknown(`${loc.address}.${blockName}`);
              continue;
            }
            const items = Array.isArray(fe) ? fe.map((v, i) => [i, v]) : isObject(fe) ? Object.keys(fe).sort().map((k) => [k, fe[k]]) : null;
            if (!items) {
              this.planner.report('error', 'plan.dynamic-for-each', this, loc, `dynamic "${blockName}": for_each needs a collection, got ${typeName(fe)}`);
              continue;
            }
            const list = Array.isArray(out[blockName]) ? out[blockName] : [];
            for (const [k, v] of items) {
              const iter = new Map(scope.iter ?? []);
              iter.set(iterName, { key: k, value: v });
              for (const content of blockItems(sm.get('content'))) {
                list.push(this.evaluateBody(content, { ...scope, iter }, sb?.block ?? null, loc, [...blockPath, blockName], mode, type));
              }
            }
            out[blockName] = list;
          }
        }
        continue;
      }
      const sb = schemaBlock?.blocks[name];
      if (sb) {
        const list = Array.isArray(out[name]) ? out[name] : [];
        for (const item of blockItems(value)) list.push(this.evaluateBody(item, scope, sb.block, loc, [...blockPath, name], mode, type));
        out[name] = list;
        continue;
      }
      out[name] = this.evaluateAt(value, scope, { ...loc, attribute: [...blockPath, name].join('.') });
    }
    if (schemaBlock) this.checkEvaluatedBody(out, schemaBlock, loc, blockPath, mode, type);
    return out;
  }

  checkEvaluatedBody(values, schemaBlock, loc, blockPath, mode, type) {
    const where = (n) => [...blockPath, n].join('.');
    for (const [name, attr] of Object.entries(schemaBlock.attributes)) {
      const v = values[name];
      if (attr.required && (v === undefined || v === null)) {
        this.planner.report('error', 'plan.required-null', this, loc, `argument "${where(name)}" is required, but its value is null`);
        continue;
      }
      if (v === undefined || v === null || v instanceof Unknown) continue;
      const problem = typeProblem(attr.type, v);
      if (problem) this.planner.report('error', 'plan.argument-type', this, loc, `argument "${where(name)}": ${problem}`);
      const rule = this.planner.schema.constraint(mode, type, blockPath, name);
      if (rule) {
        const msg = checkConstraint(rule, v);
        if (msg) this.planner.report('error', 'plan.allowed-values', this, loc, `argument "${where(name)}": ${msg}`);
      }
    }
    for (const [name, blk] of Object.entries(schemaBlock.blocks)) {
      const v = values[name];
      if (v instanceof Unknown) continue;
      const n = Array.isArray(v) ? v.length : 0;
      if (blk.required && n === 0) this.planner.report('error', 'plan.required-block', this, loc, `block "${where(name)}" is required`);
      if (blk.nesting === 'single' && n > 1) {
        this.planner.report('error', 'plan.too-many-blocks', this, loc, `block "${where(name)}" may appear at most once, got ${n}`);
      }
    }
  }

  // --- evaluation -------------------------------------------------------------------------------------------

  evaluateAt(node, scope, loc) {
    try {
      return this.evaluate(node, scope);
    } catch (err) {
      if (!(err instanceof EvalError || err instanceof FunctionError)) throw err;
      const attr = loc?.attribute ? ` (${loc.attribute})` : '';
      this.planner.report('error', 'plan.evaluation', this, loc, `${err.message}${attr}`);
      return new Unknown(`${ERROR_MARK} ${err.message}`);
    }
  }

  evaluate(node, scope) {
    if (!node) return null;
    switch (node.kind) {
      case 'lit':
        return node.value;
      case 'tmpl':
        return this.template(node, scope);
      case 'tuple':
        return node.items.map((i) => this.evaluate(i, scope));
      case 'object': {
        const out = {};
        let unknownKey = null;
        for (const { key, value } of node.entries) {
          const k = this.evaluate(key, scope);
          if (k instanceof Unknown) { unknownKey = k; continue; }
          if (k === null) throw new EvalError(`object key is null in ${node.text}`);
          out[typeof k === 'string' ? k : symOf(k)] = this.evaluate(value, scope);
        }
        return unknownKey ? new Unknown(`{${unknownKey.sym}: …}`, { secret: containsSecret(out) }) : out;
      }
      case 'trav': {
        const { value, used } = this.root(node, scope);
        return this.traverse(value, node.parts.slice(used), node.text);
      }
      case 'rel':
        return this.traverse(this.evaluate(node.source, scope), node.parts, node.text);
      case 'index': {
        const coll = this.evaluate(node.collection, scope);
        const key = this.evaluate(node.key, scope);
        if (key instanceof Unknown) return new Unknown(`${symOf(coll)}[${key.sym}]`, { secret: containsSecret(coll) });
        return this.traverse(coll, [{ index: key }], node.text);
      }
      case 'splat': {
        const src = this.evaluate(node.source, scope);
        if (src instanceof Unknown) return new Unknown(`${src.sym}[*]`, { secret: src.secret });
        if (src === null) return [];
        const items = Array.isArray(src) ? src : [src];
        return items.map((i) => this.traverse(i, node.parts, node.text));
      }
      case 'call':
        return this.evalCall(node, scope);
      case 'for':
        return this.forExpr(node, scope);
      case 'cond': {
        const c = this.evaluate(node.cond, scope);
        if (c instanceof Unknown) return new Unknown(`(${c.sym} ? … : …)`, { secret: c.secret });
        if (typeof c !== 'boolean') {
          if (c === 'true' || c === 'false') return this.evaluate(c === 'true' ? node.yes : node.no, scope);
          throw new EvalError(`condition must be a bool, got ${typeName(c)}: ${node.cond.text}`);
        }
        return this.evaluate(c ? node.yes : node.no, scope);
      }
      case 'binary':
        return this.binary(node, scope);
      case 'unary': {
        const v = this.evaluate(node.operand, scope);
        if (v instanceof Unknown) return new Unknown(`${node.op}(${v.sym})`, { secret: v.secret });
        if (node.op === 'logicalNot') {
          if (typeof v !== 'boolean') throw new EvalError(`! needs a bool, got ${typeName(v)}: ${node.text}`);
          return !v;
        }
        return -toNumber(v, node.text);
      }
      default:
        throw new EvalError(`cannot evaluate ${node.kind}`);
    }
  }

  template(node, scope) {
    let known = true;
    let secret = false;
    const pieces = [];
    for (const part of node.parts) {
      if (typeof part === 'string') { pieces.push(part); continue; }
      const v = this.evaluate(part, scope);
      if (v instanceof Unknown) {
        known = false;
        secret ||= v.secret;
        // A value already built from marked parts keeps its marks; a plain one is marked ⟨origin⟩.
        pieces.push(v.sym.includes('⟨') ? v.sym : `⟨${v.sym}⟩`);
        continue;
      }
      if (v instanceof ResourceInstance || v instanceof PolicyDocument || v instanceof EncodedJson) {
        known = false; secret ||= containsSecret(v); pieces.push(`⟨${part.text}⟩`); continue;
      }
      if (v === null) throw new EvalError(`template interpolation value is null: \${${part.text}}`);
      if (typeof v === 'object') throw new EvalError(`cannot include a ${typeName(v)} in a string template: \${${part.text}}`);
      pieces.push(typeof v === 'number' ? formatNumber(v) : String(v));
    }
    const s = pieces.join('');
    return known ? s : new Unknown(s.replace(/^⟨([^⟩]*)⟩$/, '$1'), { secret });
  }

  root(node, scope) {
    const name = node.root;
    const parts = node.parts;
    if (scope.iter && scope.iter.has(name)) return { value: scope.iter.get(name), used: 0 };
    switch (name) {
      case 'var': {
        const v = parts[0]?.name;
        if (scope.varOverride && scope.varOverride.name === v) return { value: scope.varOverride.value, used: 1 };
        return { value: this.variable(v), used: 1 };
      }
      case 'local':
        return { value: this.local(parts[0]?.name), used: 1 };
      case 'each':
        if (!scope.each) throw new EvalError('each.key / each.value used where there is no for_each');
        return { value: scope.each, used: 0 };
      case 'count':
        if (!scope.count) throw new EvalError('count.index used where there is no count');
        return { value: scope.count, used: 0 };
      case 'path': {
        const rel = (p) => path.relative(this.planner.baseDir, p) || '.';
        return { value: { module: rel(this.dir), root: '.', cwd: this.planner.baseDir }, used: 0 };
      }
      case 'terraform':
        return { value: { workspace: this.planner.workspace }, used: 0 };
      case 'module': {
        const child = this.child(parts[0]?.name);
        if (parts[1]?.name) return { value: child.output(parts[1].name), used: 2 };
        const all = {};
        for (const o of child.compiled.outputs.keys()) all[o] = child.output(o);
        return { value: all, used: 1 };
      }
      case 'data':
        return { value: this.collection('data', `${parts[0]?.name}.${parts[1]?.name}`), used: 2 };
      default:
        if (parts[0]?.name && this.compiled.resources.has(`${name}.${parts[0].name}`)) {
          return { value: this.collection('managed', `${name}.${parts[0].name}`), used: 1 };
        }
        if (/_/.test(name) && parts[0]?.name) {
          throw new EvalError(`reference to undeclared resource "${name}.${parts[0].name}"${suggest(`${name}.${parts[0].name}`, [...this.compiled.resources.keys()])}`);
        }
        throw new EvalError(`unknown name "${name}" in ${node.text}`);
    }
  }

  traverse(start, parts, text) {
    let value = start;
    for (const part of parts) {
      const key = 'name' in part ? part.name : part.index;
      if (value instanceof Unknown) {
        value = new Unknown(`${value.sym}${'name' in part ? `.${key}` : keyRepr(key)}`, { secret: value.secret });
        continue;
      }
      if (value instanceof ResourceInstance) {
        if (typeof key !== 'string') throw new EvalError(`${value.address} is a single instance; it cannot be indexed with [${key}] (${text})`);
        if (!value.has(key)) {
          const names = Object.keys(value.schemaBlock?.attributes ?? {}).concat(Object.keys(value.schemaBlock?.blocks ?? {}));
          throw new EvalError(`${value.type} has no attribute "${key}"${suggest(key, names)} (${text})`);
        }
        const dep = this.planner.schema.deprecation(value.mode, value.type, key);
        if (dep) this.planner.report('warning', 'deprecated', this, { address: value.address }, `${value.type}.${key} is ${dep}`);
        value = value.get(key);
        continue;
      }
      if (value instanceof PolicyDocument || value instanceof EncodedJson) {
        value = new Unknown(`${text}`);
        continue;
      }
      if (value === null || value === undefined) throw new EvalError(`attempt to get "${key}" from a null value (${text})`);
      if (Array.isArray(value)) {
        const i = typeof key === 'number' ? key : /^\d+$/.test(String(key)) ? Number(key) : null;
        if (i === null) throw new EvalError(`a list cannot be indexed with "${key}" (${text})`);
        if (i < 0 || i >= value.length) throw new EvalError(`index ${i} is out of range for a list of ${value.length} (${text})`);
        value = value[i];
        continue;
      }
      if (isObject(value)) {
        const k = typeof key === 'number' ? String(key) : key;
        if (!Object.prototype.hasOwnProperty.call(value, k)) {
          throw new EvalError(`${'name' in part ? 'unsupported attribute' : 'no element with key'} "${k}"${suggest(String(k), Object.keys(value))} (${text})`);
        }
        value = value[k];
        continue;
      }
      throw new EvalError(`cannot get "${key}" from a ${typeName(value)} (${text})`);
    }
    return value;
  }

  evalCall(node, scope) {
    if (node.name === 'try') {
      for (const arg of node.args) {
        try {
          const v = this.evaluate(arg, scope);
          if (containsUnknown(v) && !(v instanceof ResourceInstance)) return v instanceof Unknown ? v : v;
          return v;
        } catch (err) {
          if (!(err instanceof EvalError || err instanceof FunctionError)) throw err;
        }
      }
      throw new EvalError(`try(): no argument could be evaluated: ${node.text}`);
    }
    if (node.name === 'can') {
      try {
        const v = this.evaluate(node.args[0], scope);
        return v instanceof Unknown ? new Unknown(`can(${v.sym})`) : true;
      } catch (err) {
        if (!(err instanceof EvalError || err instanceof FunctionError)) throw err;
        return false;
      }
    }
    let args = node.args.map((a) => this.evaluate(a, scope));
    if (node.expand) {
      const last = args.pop();
      if (last instanceof Unknown) return new Unknown(`${node.name}(${last.sym}...)`, { secret: last.secret });
      if (!Array.isArray(last)) throw new EvalError(`${node.name}(): the expanded final argument must be a list: ${node.text}`);
      args = args.concat(last);
    }
    if (node.name.includes('::')) throw new EvalError(`provider functions are not supported by the offline plan: ${node.name}`);
    return callFunction(node.name, args, { baseDir: this.planner.baseDir });
  }

  forExpr(node, scope) {
    const coll = this.evaluate(node.collection, scope);
    if (coll instanceof Unknown) return new Unknown(`for over ${coll.sym}`, { secret: coll.secret });
    let pairs;
    if (Array.isArray(coll)) pairs = coll.map((v, i) => [i, v]);
    else if (isObject(coll)) pairs = Object.keys(coll).sort().map((k) => [k, coll[k]]);
    else throw new EvalError(`a for expression needs a collection, got ${typeName(coll)}: ${node.collection.text}`);
    const out = node.object ? {} : [];
    let unknown = null;
    for (const [k, v] of pairs) {
      const iter = new Map(scope.iter ?? []);
      if (node.keyVar) iter.set(node.keyVar, k);
      iter.set(node.valueVar, v);
      const s = { ...scope, iter };
      if (node.cond) {
        const c = this.evaluate(node.cond, s);
        if (c instanceof Unknown) { unknown = c; continue; }
        if (typeof c !== 'boolean') throw new EvalError(`a for expression's if clause must be a bool: ${node.cond.text}`);
        if (!c) continue;
      }
      if (node.object) {
        const key = this.evaluate(node.key, s);
        if (key instanceof Unknown) { unknown = key; continue; }
        const ks = typeof key === 'string' ? key : typeof key === 'number' || typeof key === 'boolean' ? String(key) : null;
        if (ks === null) throw new EvalError(`object keys must be strings, got ${typeName(key)}: ${node.key.text}`);
        const val = this.evaluate(node.value, s);
        if (node.grouped) (out[ks] ??= []).push(val);
        else if (Object.prototype.hasOwnProperty.call(out, ks)) {
          throw new EvalError(`duplicate object key "${ks}" in a for expression (add ... after the value to group): ${node.text}`);
        } else out[ks] = val;
      } else {
        out.push(this.evaluate(node.value, s));
      }
    }
    if (unknown) return new Unknown(`for with ${unknown.sym}`, { secret: unknown.secret });
    return out;
  }

  binary(node, scope) {
    const l = this.evaluate(node.left, scope);
    const r = this.evaluate(node.right, scope);
    const op = node.op;
    if (l instanceof Unknown || r instanceof Unknown || l instanceof ResourceInstance || r instanceof ResourceInstance) {
      return new Unknown(`(${symOf(l)} ${op} ${symOf(r)})`, { secret: containsSecret(l) || containsSecret(r) });
    }
    switch (op) {
      case 'equal':
        return deepEqual(l, r);
      case 'notEqual':
        return !deepEqual(l, r);
      case 'logicalAnd':
      case 'logicalOr':
        if (typeof l !== 'boolean' || typeof r !== 'boolean') throw new EvalError(`${op === 'logicalAnd' ? '&&' : '||'} needs bools: ${node.text}`);
        return op === 'logicalAnd' ? l && r : l || r;
      case 'greaterThan': return toNumber(l, node.text) > toNumber(r, node.text);
      case 'greaterThanOrEqual': return toNumber(l, node.text) >= toNumber(r, node.text);
      case 'lessThan': return toNumber(l, node.text) < toNumber(r, node.text);
      case 'lessThanOrEqual': return toNumber(l, node.text) <= toNumber(r, node.text);
      case 'add': return toNumber(l, node.text) + toNumber(r, node.text);
      case 'subtract': return toNumber(l, node.text) - toNumber(r, node.text);
      case 'multiply': return toNumber(l, node.text) * toNumber(r, node.text);
      case 'divide': return toNumber(l, node.text) / toNumber(r, node.text);
      case 'modulo': return toNumber(l, node.text) % toNumber(r, node.text);
      default: throw new EvalError(`unsupported operator ${op}`);
    }
  }

  // --- whole-module walk ------------------------------------------------------------------------------------

  planAll() {
    const c = this.compiled;
    for (const name of c.variables.keys()) this.safe(() => this.variable(name));
    for (const name of c.locals.keys()) this.safe(() => this.local(name));
    for (const key of c.data.keys()) this.safe(() => this.collection('data', key));
    for (const key of c.resources.keys()) this.safe(() => this.collection('managed', key));
    for (const name of c.modules.keys()) {
      const child = this.safe(() => this.child(name));
      if (child) child.planAll();
    }
    for (const [name, o] of c.outputs) {
      this.safe(() => this.output(name));
      const loc = { file: o.decl.file, line: o.decl.line, address: `${this.prefix}output.${name}` };
      for (const pre of o.preconditions) {
        const ok = this.evaluateAt(pre.get('condition'), {}, loc);
        if (ok === false) {
          const msg = this.evaluateAt(pre.get('error_message'), {}, loc);
          this.planner.report('error', 'plan.precondition', this, loc, `precondition failed: ${typeof msg === 'string' ? msg : symOf(msg)}`);
        }
      }
    }
    for (const [name, ch] of c.checks) {
      const loc = { file: ch.decl.file, line: ch.decl.line, address: `${this.prefix}check.${name}` };
      for (const a of ch.asserts) {
        const ok = this.evaluateAt(a.get('condition'), {}, loc);
        if (ok === false) {
          const msg = this.evaluateAt(a.get('error_message'), {}, loc);
          this.planner.report('warning', 'plan.check', this, loc, `check "${name}" failed: ${typeof msg === 'string' ? msg : symOf(msg)}`);
        }
      }
    }
  }

  safe(fn) {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof EvalError || err instanceof FunctionError)) throw err;
      this.planner.report('error', 'plan.evaluation', this, null, err.message);
      return null;
    }
  }
}

function containsUnknownKeys(v) {
  if (Array.isArray(v)) return v.some((x) => x instanceof Unknown || containsUnknown(x));
  return false;
}

function toNumber(v, text) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new EvalError(`a number is required, got ${typeName(v)}: ${text}`);
}

function attributeNamesAt(type, attrPath) {
  let t = type;
  for (const seg of attrPath.split('.').slice(1, -1)) {
    const clean = seg.replace(/\[.*\]$/, '');
    if (t.kind === 'object' && t.attributes[clean]) t = t.attributes[clean].type;
    while (t && (t.kind === 'list' || t.kind === 'set' || t.kind === 'map')) t = t.element;
  }
  while (t && (t.kind === 'list' || t.kind === 'set' || t.kind === 'map')) t = t.element;
  return t && t.kind === 'object' ? Object.keys(t.attributes) : [];
}

// Whether a known value fits a schema attribute type ('string', 'list(string)', 'map(string)', …).
function typeProblem(schemaType, v) {
  if (v instanceof ResourceInstance || v instanceof PolicyDocument || v instanceof EncodedJson) {
    return schemaType === 'string' || schemaType === 'any' ? null : `a ${schemaType} is required`;
  }
  const check = (t, x) => {
    if (x === null || x instanceof Unknown) return null;
    if (t === 'any' || t === 'object') return null;
    if (t === 'string') return ['string', 'number', 'boolean'].includes(typeof x) ? null : `a string is required, got ${typeName(x)}`;
    if (t === 'number') return typeof x === 'number' || (typeof x === 'string' && !Number.isNaN(Number(x))) ? null : `a number is required, got ${typeName(x)}`;
    if (t === 'bool') return typeof x === 'boolean' || x === 'true' || x === 'false' ? null : `a bool is required, got ${typeName(x)}`;
    const m = /^(list|map)\((.*)\)$/.exec(t);
    if (m) {
      if (m[1] === 'list') {
        if (!Array.isArray(x)) return `a list is required, got ${typeName(x)}`;
        for (const e of x) { const p = check(m[2], e); if (p) return `element: ${p}`; }
        return null;
      }
      if (!isObject(x)) return `a map is required, got ${typeName(x)}`;
      for (const e of Object.values(x)) { const p = check(m[2], e); if (p) return `map value: ${p}`; }
      return null;
    }
    return null;
  };
  return check(schemaType, v);
}

function normalizeStatement(s) {
  const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  return {
    sid: s.sid ?? null,
    effect: s.effect ?? 'Allow',
    actions: list(s.actions),
    notActions: list(s.not_actions),
    resources: list(s.resources),
    notResources: list(s.not_resources),
    principals: list(s.principals).map((p) => ({ type: p.type, identifiers: list(p.identifiers) })),
    notPrincipals: list(s.not_principals).map((p) => ({ type: p.type, identifiers: list(p.identifiers) })),
    conditions: list(s.condition).map((c) => ({ test: c.test, variable: c.variable, values: list(c.values) })),
  };
}

// Reads a .tfvars file (HCL attributes) into values.
async function readVarFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  const json = await hcl2json.parse(path.basename(file), text);
  const out = {};
  for (const [k, v] of Object.entries(json)) {
    const node = await compileValue(v, file);
    if (containsRefs(node)) throw new Error(`${file}: ${k} must be a literal value`);
    out[k] = literalValue(node);
  }
  return out;
}

function containsRefs(node) {
  if (!node) return false;
  if (['trav', 'rel', 'index', 'splat', 'call', 'for', 'cond', 'binary'].includes(node.kind)) return true;
  if (node.kind === 'tuple') return node.items.some(containsRefs);
  if (node.kind === 'object') return node.entries.some((e) => containsRefs(e.value));
  if (node.kind === 'tmpl') return node.parts.some((p) => typeof p !== 'string');
  if (node.kind === 'unary') return containsRefs(node.operand);
  return false;
}

function literalValue(node) {
  switch (node.kind) {
    case 'lit': return node.value;
    case 'tuple': return node.items.map(literalValue);
    case 'object': return Object.fromEntries(node.entries.map((e) => [e.key.value, literalValue(e.value)]));
    case 'unary': return node.op === 'negate' ? -literalValue(node.operand) : !literalValue(node.operand);
    default: return null;
  }
}

// Plans a root module directory in a workspace (terraform.workspace). Returns { planner, root }.
async function planRoot(dir, { schema, diagnostics, vars = {}, varFiles = [], workspace = 'default' }) {
  const loader = new ModuleLoader();
  const compiled = await loader.load(dir);
  const rootVars = {};
  for (const f of varFiles) Object.assign(rootVars, await readVarFile(path.resolve(dir, f)));
  Object.assign(rootVars, vars);
  const planner = new Planner({ schema, diagnostics, baseDir: path.resolve(dir), workspace });
  const root = new ModuleInstance(planner, compiled, { rootVars, loader });
  const aws = compiled.providers.find((p) => p.decl.name === 'aws');
  if (aws) {
    const region = root.evaluateAt(entryMap(aws.node).get('region'), {}, { file: aws.decl.file, line: aws.decl.line, address: 'provider.aws' });
    if (typeof region === 'string') planner.awsRegion = region;
  }
  root.planAll();
  return { planner, root, loader };
}

module.exports = {
  planRoot, readVarFile, EvalError, entryMap, blockItems, lit, ModuleLoader, CompiledModule, MODULE_META, RESOURCE_META,
};
