'use strict';
// Reads a Terraform module directory with HashiCorp's HCL parser (@cdktf/hcl2json: HCL v2 compiled to WASM) and
// turns every expression into a small syntax tree the checks and the evaluator walk.
//
// hcl2json returns blocks as arrays, attributes as JSON values and every non-literal expression as a "${…}"
// template string. Those strings are parsed again with the same library (getExpressionAst), so every expression
// the checks see went through HashiCorp's own parser.

const fs = require('node:fs');
const path = require('node:path');
const hcl2json = require('@cdktf/hcl2json');

const TOP_LEVEL_BLOCKS = new Set([
  'terraform', 'provider', 'variable', 'locals', 'output', 'module', 'resource', 'data', 'moved', 'import',
  'removed', 'check', 'ephemeral',
]);

class ParseError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Expression trees
//
//   lit     {value}                       JSON literal or plain string
//   tmpl    {parts: [string|node]}        string template (parts are literal strings or nodes)
//   tuple   {items}
//   object  {entries: [{key: node, value: node}]}
//   trav    {root, parts}                 scope traversal: var.x.y["k"][0] (parts: {name} or {index: value})
//   rel     {source, parts}               traversal applied to another expression: f(x).a[0]
//   index   {collection, key}
//   splat   {source, parts}
//   call    {name, args, expand}
//   for     {collection, keyVar, valueVar, key, value, cond, grouped, object}
//   cond    {cond, yes, no}
//   binary  {op, left, right}
//   unary   {op, operand}
// Every node carries `text` (its source) for messages.

const astCache = new Map();

async function expressionAst(text, origin) {
  if (astCache.has(text)) return astCache.get(text);
  let ast;
  try {
    ast = await hcl2json.getExpressionAst(origin || 'expression.tf', text);
  } catch (err) {
    throw new ParseError(`${origin || 'expression'}: cannot parse expression ${abbreviate(text)}: ${firstLine(err.message)}`);
  }
  astCache.set(text, ast);
  return ast;
}

function abbreviate(text) {
  const t = String(text).replace(/\s+/g, ' ');
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

function firstLine(s) {
  return String(s).split('\n')[0];
}

const TEMPLATE_MARK = /\$\{|%\{/;

// Compiles one value of hcl2json's output into an expression tree.
async function compileValue(value, origin) {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'lit', value, text: JSON.stringify(value) };
  }
  if (typeof value === 'string') {
    if (!TEMPLATE_MARK.test(value)) return { kind: 'lit', value, text: JSON.stringify(value) };
    return compileTemplateString(value, origin);
  }
  if (Array.isArray(value)) {
    const items = [];
    for (const v of value) items.push(await compileValue(v, origin));
    return { kind: 'tuple', items, text: '[...]' };
  }
  const entries = [];
  for (const [k, v] of Object.entries(value)) {
    const key = TEMPLATE_MARK.test(k) ? await compileTemplateString(k, origin) : { kind: 'lit', value: k, text: JSON.stringify(k) };
    entries.push({ key, value: await compileValue(v, origin) });
  }
  return { kind: 'object', entries, text: '{...}' };
}

// hcl2json keeps a template's text with escapes decoded (but `$${` kept), which is exactly a heredoc's body.
async function compileTemplateString(text, origin) {
  let marker = 'FIELDGATE_EOT';
  while (text.includes(marker)) marker += '_';
  const ast = await expressionAst(`<<${marker}\n${text}\n${marker}\n`, origin);
  const node = await compileAst(ast, origin);
  // The heredoc adds one trailing newline; drop it again.
  if (node.kind === 'tmpl') {
    const parts = [...node.parts];
    const last = parts[parts.length - 1];
    if (typeof last === 'string') {
      const trimmed = last.slice(0, -1);
      if (trimmed === '') parts.pop(); else parts[parts.length - 1] = trimmed;
    }
    if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
    if (parts.every((p) => typeof p === 'string')) return { kind: 'lit', value: parts.join(''), text: JSON.stringify(parts.join('')) };
    return { kind: 'tmpl', parts, text };
  }
  return node;
}

function traversalParts(traversal) {
  return traversal.map((t) => {
    if (t.type === 'nameTraversal') return { name: t.segment };
    const seg = t.segment.trim();
    if (/^-?\d+$/.test(seg)) return { index: Number(seg) };
    if (seg.startsWith('"')) return { index: JSON.parse(seg) };
    return { index: seg };
  });
}

// The AST gives template literals as they are written: quoted strings still hold their escapes.
function decodeLiteral(raw, quoted) {
  let s = raw;
  if (quoted) {
    s = s.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (m, e) => {
      switch (e[0]) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'u':
        case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
        default: return e;
      }
    });
  }
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

async function compileAst(ast, origin, quoted = false) {
  const text = ast.meta?.value ?? '';
  const kids = ast.children ?? [];
  switch (ast.type) {
    case 'templateWrap':
      return compileAst(kids[0], origin, quoted);
    case 'template': {
      const isQuoted = text.startsWith('"') ? true : text.startsWith('<<') ? false : quoted;
      const parts = [];
      for (const child of kids) {
        if (child.type === 'literalValue' && child.meta.type === 'string') parts.push(decodeLiteral(child.meta.value, isQuoted));
        else parts.push(await compileAst(child, origin, isQuoted));
      }
      if (parts.every((p) => typeof p === 'string') && !text.startsWith('<<')) return { kind: 'lit', value: parts.join(''), text };
      return { kind: 'tmpl', parts, text };
    }
    case 'templateJoin':
      throw new ParseError(`${origin}: %{ for } template directives are not supported by the offline checks: ${abbreviate(text)}`);
    case 'literalValue': {
      const t = ast.meta.type;
      let value;
      if (t === 'number') value = Number(ast.meta.value);
      else if (t === 'bool') value = ast.meta.value === 'true';
      else if (t === 'string') value = ast.meta.value;
      else value = null;
      return { kind: 'lit', value, text };
    }
    case 'tuple': {
      const items = [];
      for (const child of kids) items.push(await compileAst(child, origin));
      return { kind: 'tuple', items, text };
    }
    case 'object': {
      // The AST does not name bare keys; parsing the object's own text as an attribute gives the keys back.
      const parsed = await hcl2json.parse(origin || 'object.tf', `fieldgate_object = ${text}\n`);
      return compileValue(parsed.fieldgate_object, origin);
    }
    case 'scopeTraversal': {
      const parts = traversalParts(ast.meta.traversal);
      return { kind: 'trav', root: parts[0].name, parts: parts.slice(1), text };
    }
    case 'relativeTraversal':
      return {
        kind: 'rel', source: await compileAst(kids[0], origin), parts: traversalParts(ast.meta.traversal), text,
      };
    case 'index':
      return { kind: 'index', collection: await compileAst(kids[0], origin), key: await compileAst(kids[1], origin), text };
    case 'splat': {
      const source = await compileAst(kids[0], origin);
      const each = kids[1] && kids[1].type === 'relativeTraversal' ? traversalParts(kids[1].meta.traversal) : [];
      return { kind: 'splat', source, parts: each, text };
    }
    case 'function': {
      const args = [];
      for (const child of kids) args.push(await compileAst(child, origin));
      return { kind: 'call', name: ast.meta.name, args, expand: ast.meta.expandedFinalArgument === true, text };
    }
    case 'for': {
      const m = ast.meta;
      let i = 0;
      const collection = await compileAst(kids[i++], origin);
      const object = m.openRangeValue === '{';
      const key = object ? await compileAst(kids[i++], origin) : null;
      const value = await compileAst(kids[i++], origin);
      const cond = m.conditionalExpression ? await compileAst(kids[i++], origin) : null;
      return {
        kind: 'for', collection, keyVar: m.keyVar || null, valueVar: m.valVar, key, value, cond,
        grouped: m.groupedValue === true, object, text,
      };
    }
    case 'conditional':
      return {
        kind: 'cond', cond: await compileAst(kids[0], origin), yes: await compileAst(kids[1], origin, quoted),
        no: await compileAst(kids[2], origin, quoted), text,
      };
    case 'binaryOp':
      return {
        kind: 'binary', op: ast.meta.operator, left: await compileAst(kids[0], origin),
        right: await compileAst(kids[1], origin), text,
      };
    case 'unaryOp':
      return { kind: 'unary', op: ast.meta.operator, operand: await compileAst(kids[0], origin), text };
    case '':
      // Parentheses: hcl2json gives the wrapper no type.
      if (kids.length === 1) return compileAst(kids[0], origin);
      throw new ParseError(`${origin}: unsupported expression: ${abbreviate(text)}`);
    default:
      throw new ParseError(`${origin}: unsupported expression ${ast.type}: ${abbreviate(text)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

// A block body as hcl2json gives it: attributes as values, nested blocks as arrays of objects, labelled blocks
// (dynamic "x") as nested maps. The schema decides which is which; here the raw body is kept with a lazily
// compiled view.
class Body {
  constructor(raw, file, origin) {
    this.raw = raw;
    this.file = file;
    this.origin = origin;
  }

  keys() {
    return Object.keys(this.raw);
  }

  has(name) {
    return Object.prototype.hasOwnProperty.call(this.raw, name);
  }
}

// Finds the line of a block header or attribute in a file, for messages (hcl2json gives no positions).
const linesCache = new Map();

function splitLines(text) {
  let lines = linesCache.get(text);
  if (!lines) {
    lines = text.split('\n');
    if (linesCache.size > 500) linesCache.clear();
    linesCache.set(text, lines);
  }
  return lines;
}

function findLine(fileText, pattern, fromLine = 1) {
  const lines = splitLines(fileText);
  for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) {
    if (pattern.test(lines[i])) return i + 1;
  }
  return fromLine;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function headerPattern(kind, labels) {
  const parts = [`^\\s*${escapeRe(kind)}`];
  for (const l of labels) parts.push(`\\s+"${escapeRe(l)}"`);
  parts.push('\\s*\\{');
  return new RegExp(parts.join(''));
}

// The source lines of a block, from its header to the matching closing brace (braces inside strings and
// heredocs are counted too, which is fine for formatted Terraform).
function blockExtent(fileText, startLine) {
  const lines = splitLines(fileText);
  let depth = 0;
  let seen = false;
  for (let i = startLine - 1; i < lines.length; i++) {
    for (const ch of lines[i]) {
      if (ch === '{') { depth++; seen = true; }
      if (ch === '}') depth--;
    }
    if (seen && depth <= 0) return { start: startLine, end: i + 1 };
  }
  return { start: startLine, end: lines.length };
}

class ModuleDir {
  constructor(dir) {
    this.dir = dir;
    this.files = [];
    this.variables = new Map();
    this.outputs = new Map();
    this.locals = new Map();
    this.modules = new Map();
    this.resources = new Map();
    this.data = new Map();
    this.providers = [];
    this.terraform = [];
    this.moved = [];
    this.checks = new Map();
    this.problems = [];
  }

  fileText(file) {
    return this.files.find((f) => f.name === file)?.text ?? '';
  }

  lineOf(file, kind, labels) {
    return findLine(this.fileText(file), headerPattern(kind, labels));
  }
}

async function loadModuleDir(dir) {
  const mod = new ModuleDir(dir);
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.tf')).sort();
  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    let json;
    try {
      json = await parseFile(name, text);
    } catch (err) {
      mod.problems.push({ check: 'syntax', file: name, line: lineFromHclError(err.message), message: firstLine(err.message) });
      continue;
    }
    mod.files.push({ name, text, json });
    for (const [kind, value] of Object.entries(json)) {
      if (!TOP_LEVEL_BLOCKS.has(kind)) {
        mod.problems.push({
          check: 'syntax', file: name, line: findLine(text, new RegExp(`^\\s*${escapeRe(kind)}\\b`)),
          message: `unknown top-level block or argument "${kind}"${suggest(kind, [...TOP_LEVEL_BLOCKS])}`,
        });
        continue;
      }
      collect(mod, kind, value, name, text);
    }
  }
  return mod;
}

// Files seen before (the same text) are not parsed again; callers only read the result.
const parseCache = new Map();

async function parseFile(name, text) {
  const key = `${name}\u0000${text}`;
  if (!parseCache.has(key)) {
    if (parseCache.size > 500) parseCache.clear();
    parseCache.set(key, await hcl2json.parse(name, text));
  }
  return parseCache.get(key);
}

function lineFromHclError(message) {
  const m = /:(\d+),\d+/.exec(message);
  return m ? Number(m[1]) : 1;
}

function declare(mod, map, key, entry, what) {
  if (map.has(key)) {
    mod.problems.push({
      check: 'duplicate', file: entry.file, line: entry.line,
      message: `${what} "${key}" is declared twice (also in ${map.get(key).file}:${map.get(key).line})`,
    });
    return;
  }
  map.set(key, entry);
}

function collect(mod, kind, value, file, text) {
  switch (kind) {
    case 'terraform':
      for (const body of value) mod.terraform.push({ file, line: findLine(text, /^\s*terraform\s*\{/), body: new Body(body, file) });
      break;
    case 'provider':
      for (const [name, bodies] of Object.entries(value)) {
        for (const body of bodies) {
          mod.providers.push({ name, file, line: mod.lineOf(file, 'provider', [name]) || findLine(text, headerPattern('provider', [name])), body: new Body(body, file) });
        }
      }
      break;
    case 'variable':
    case 'output':
    case 'module':
    case 'check': {
      const map = { variable: mod.variables, output: mod.outputs, module: mod.modules, check: mod.checks }[kind];
      for (const [name, bodies] of Object.entries(value)) {
        for (const body of bodies) {
          const line = findLine(text, headerPattern(kind, [name]));
          declare(mod, map, name, { name, file, line, body: new Body(body, file) }, kind);
        }
      }
      break;
    }
    case 'locals':
      for (const block of value) {
        for (const [name, expr] of Object.entries(block)) {
          const line = findLine(text, new RegExp(`^\\s*${escapeRe(name)}\\s*=`));
          declare(mod, mod.locals, name, { name, file, line, raw: expr }, 'local value');
        }
      }
      break;
    case 'resource':
    case 'data':
      for (const [type, byName] of Object.entries(value)) {
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of bodies) {
            const line = findLine(text, headerPattern(kind, [type, name]));
            const extent = blockExtent(text, line);
            const entry = { mode: kind === 'data' ? 'data' : 'managed', type, name, file, line, extent, body: new Body(body, file) };
            declare(mod, kind === 'data' ? mod.data : mod.resources, `${type}.${name}`, entry, kind === 'data' ? 'data source' : 'resource');
          }
        }
      }
      break;
    case 'moved':
      for (const body of value) mod.moved.push({ file, line: findLine(text, /^\s*moved\s*\{/), body: new Body(body, file) });
      break;
    default:
      // import, removed, ephemeral: accepted, not checked further.
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Did-you-mean

function levenshtein(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function suggest(name, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = levenshtein(name, c);
    if (dist < bestDistance) { best = c; bestDistance = dist; }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  if (best !== null && bestDistance <= limit) return `; did you mean "${best}"?`;
  const prefix = candidates.filter((c) => c.startsWith(name) || name.startsWith(c));
  if (prefix.length === 1) return `; did you mean "${prefix[0]}"?`;
  const parts = candidates.filter((c) => c.length > 1 && (name.endsWith(`_${c}`) || c.endsWith(`_${name}`)));
  if (parts.length === 1) return `; did you mean "${parts[0]}"?`;
  // Most words in common (openid_config -> openid_connect_config), when one candidate stands out.
  const words = new Set(name.split(/[_.-]/));
  const scored = candidates.map((c) => [c, c.split(/[_.-]/).filter((w) => words.has(w)).length]).sort((a, b) => b[1] - a[1]);
  if (scored.length && scored[0][1] >= 2 && (scored.length === 1 || scored[1][1] < scored[0][1])) return `; did you mean "${scored[0][0]}"?`;
  return '';
}

module.exports = {
  ParseError, loadModuleDir, compileValue, compileTemplateString, expressionAst, suggest, findLine, escapeRe,
  blockExtent, TOP_LEVEL_BLOCKS,
};
