'use strict';
// Values of the offline evaluator. Known values are plain JSON-like JS values (null, boolean, number, string,
// arrays for lists/sets/tuples, plain objects for maps/objects). What Terraform only learns during apply is an
// Unknown that remembers where it came from (`sym`), so that checks can still compare, for example, a policy's
// resource ARN with "<the API's arn>/types/Pin/fields/id".

class Unknown {
  constructor(sym, { secret = false } = {}) {
    this.sym = sym;
    this.secret = secret;
  }

  toString() {
    return `(known after apply: ${this.sym})`;
  }
}

// The JSON of an aws_iam_policy_document, kept as structured statements (values may be Unknown).
class PolicyDocument {
  constructor(address, statements) {
    this.address = address;
    this.statements = statements;
  }
}

// jsonencode() of a value that contains unknowns: the structure is kept for the checks.
class EncodedJson {
  constructor(value) {
    this.value = value;
  }
}

// A resource or data source instance: configured arguments are known, everything else is known after apply.
class ResourceInstance {
  constructor(address, type, mode, attributes, schemaBlock, secretAttributes, computedValues = {}) {
    this.address = address;
    this.type = type;
    this.mode = mode;
    this.attributes = attributes;
    this.schemaBlock = schemaBlock;
    this.secretAttributes = secretAttributes;
    this.computedValues = computedValues;
  }

  has(name) {
    if (!this.schemaBlock) return true;
    return Boolean(this.schemaBlock.attributes[name] || this.schemaBlock.blocks[name]) || name in this.computedValues;
  }

  get(name) {
    if (name in this.computedValues) return this.computedValues[name];
    const configured = this.attributes[name];
    const schemaAttr = this.schemaBlock?.attributes[name];
    if (configured !== undefined && configured !== null && !(schemaAttr && schemaAttr.readOnly)) return configured;
    if (this.schemaBlock && this.schemaBlock.blocks[name]) return configured ?? [];
    return new Unknown(`${this.address}.${name}`, { secret: this.secretAttributes.has(name) });
  }
}

// Unknowns that stand for a value whose evaluation already failed (and was reported) carry this mark, so
// that knock-on findings are not reported again.
const ERROR_MARK = '⟦error⟧';

function isErrorDerived(v) {
  if (v instanceof Unknown) return v.sym.includes(ERROR_MARK);
  if (v instanceof EncodedJson) return isErrorDerived(v.value);
  if (Array.isArray(v)) return v.some(isErrorDerived);
  if (isObject(v)) return Object.values(v).some(isErrorDerived);
  if (typeof v === 'string') return v.includes(ERROR_MARK);
  return false;
}

function isUnknown(v) {
  return v instanceof Unknown;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

// True when a value holds an Unknown anywhere inside.
function containsUnknown(v) {
  if (v instanceof Unknown || v instanceof ResourceInstance || v instanceof PolicyDocument || v instanceof EncodedJson) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

function containsSecret(v) {
  if (v instanceof Unknown) return v.secret;
  if (v instanceof EncodedJson) return containsSecret(v.value);
  if (v instanceof PolicyDocument) return containsSecret(v.statements);
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

function secretIn(...values) {
  return values.some(containsSecret);
}

function typeName(v) {
  if (v === null) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (v instanceof ResourceInstance) return 'object';
  if (Array.isArray(v)) return 'list';
  if (isObject(v)) return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqual(ka, kb) && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

// Terraform's number formatting in strings: integers without a fraction.
function formatNumber(n) {
  if (Number.isInteger(n)) return String(n);
  return String(n);
}

function symOf(v) {
  if (v instanceof Unknown) return v.sym;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(symOf).join(', ')}]`;
  if (v instanceof ResourceInstance) return v.address;
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `${k} = ${symOf(x)}`).join(', ')}}`;
  return String(v);
}

module.exports = {
  Unknown, PolicyDocument, EncodedJson, ResourceInstance, isUnknown, isErrorDerived, ERROR_MARK, isObject, containsUnknown, containsSecret,
  secretIn, typeName, deepEqual, formatNumber, symOf,
};
