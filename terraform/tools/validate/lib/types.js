'use strict';
// Terraform type constraints (`object({ a = optional(string, "x") })`) and the conversion Terraform applies to
// module inputs: required attributes, optional() defaults, primitive conversions, and element types.

const {
  Unknown, isObject, typeName, formatNumber, ResourceInstance, PolicyDocument, EncodedJson,
} = require('./values');

class TypeError_ extends Error {}

// type = { kind: 'string'|'number'|'bool'|'any'|'list'|'set'|'map'|'tuple'|'object', element?, elements?, attributes? }
// object attributes: { name: { type, optional, defaultNode } }
function parseType(node, evaluateDefault) {
  if (!node) return { kind: 'any' };
  if (node.kind === 'trav' && node.parts.length === 0) {
    if (['string', 'number', 'bool', 'any'].includes(node.root)) return { kind: node.root };
    throw new TypeError_(`unknown type "${node.root}"`);
  }
  if (node.kind === 'lit' && typeof node.value === 'string' && ['string', 'number', 'bool', 'any'].includes(node.value)) {
    return { kind: node.value };
  }
  if (node.kind === 'call') {
    const [arg, second] = node.args;
    switch (node.name) {
      case 'list':
      case 'set':
      case 'map':
        return { kind: node.name, element: parseType(arg, evaluateDefault) };
      case 'tuple':
        if (!arg || arg.kind !== 'tuple') throw new TypeError_('tuple() takes a list of types');
        return { kind: 'tuple', elements: arg.items.map((i) => parseType(i, evaluateDefault)) };
      case 'object': {
        if (!arg || arg.kind !== 'object') throw new TypeError_('object() takes an object of attribute types');
        const attributes = {};
        for (const { key, value } of arg.entries) {
          const name = key.value;
          if (value.kind === 'call' && value.name === 'optional') {
            attributes[name] = {
              type: parseType(value.args[0], evaluateDefault),
              optional: true,
              defaultNode: value.args[1] ?? null,
            };
          } else {
            attributes[name] = { type: parseType(value, evaluateDefault), optional: false, defaultNode: null };
          }
        }
        return { kind: 'object', attributes };
      }
      case 'optional':
        throw new TypeError_('optional() is only allowed for object attributes');
      default:
        break;
    }
    void second;
  }
  throw new TypeError_(`invalid type constraint: ${node.text}`);
}

function typeToString(t) {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeToString(t.element)})`;
    case 'tuple':
      return `tuple([${t.elements.map(typeToString).join(', ')}])`;
    case 'object':
      return `object({${Object.entries(t.attributes).map(([k, a]) => `${k}=${a.optional ? `optional(${typeToString(a.type)})` : typeToString(a.type)}`).join(', ')}})`;
    default:
      return t.kind;
  }
}

function containsAny(t) {
  if (t.kind === 'any') return true;
  if (t.element) return containsAny(t.element);
  if (t.elements) return t.elements.some(containsAny);
  if (t.attributes) return Object.values(t.attributes).some((a) => containsAny(a.type));
  return false;
}

const opaque = (v) => v instanceof Unknown || v instanceof ResourceInstance || v instanceof PolicyDocument || v instanceof EncodedJson;

// Converts a value to a type the way Terraform converts module inputs. `extra` collects attributes that the
// target object type does not declare (Terraform drops them silently; the checks report them).
function convert(value, type, path, evaluateDefault, extra) {
  if (value === null || value === undefined) return null;
  if (opaque(value)) return value;
  const where = path || 'value';
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'boolean') return String(value);
      throw new TypeError_(`${where}: string required, got ${typeName(value)}`);
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      throw new TypeError_(`${where}: number required, got ${typeName(value)}${typeof value === 'string' ? ` "${value}"` : ''}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new TypeError_(`${where}: bool required, got ${typeName(value)}`);
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) throw new TypeError_(`${where}: ${type.kind} of ${typeToString(type.element)} required, got ${typeName(value)}`);
      const out = value.map((v, i) => convert(v, type.element, `${where}[${i}]`, evaluateDefault, extra));
      if (type.kind === 'set') {
        const seen = new Map();
        for (const v of out) seen.set(JSON.stringify(v), v);
        return [...seen.values()];
      }
      return out;
    }
    case 'map': {
      if (!isObject(value)) throw new TypeError_(`${where}: map of ${typeToString(type.element)} required, got ${typeName(value)}`);
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = convert(v, type.element, `${where}["${k}"]`, evaluateDefault, extra);
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.elements.length) {
        throw new TypeError_(`${where}: tuple of ${type.elements.length} elements required`);
      }
      return value.map((v, i) => convert(v, type.elements[i], `${where}[${i}]`, evaluateDefault, extra));
    }
    case 'object': {
      if (!isObject(value)) throw new TypeError_(`${where}: object required, got ${typeName(value)}`);
      const out = {};
      for (const [name, attr] of Object.entries(type.attributes)) {
        const given = value[name];
        if (given === undefined || given === null) {
          if (attr.optional) {
            if (attr.defaultNode) {
              out[name] = convert(evaluateDefault(attr.defaultNode), attr.type, `${where}.${name}`, evaluateDefault, extra);
            } else {
              out[name] = null;
            }
            continue;
          }
          if (given === undefined) throw new TypeError_(`${where}: attribute "${name}" is required`);
          out[name] = null;
          continue;
        }
        out[name] = convert(given, attr.type, `${where}.${name}`, evaluateDefault, extra);
      }
      if (extra) {
        for (const k of Object.keys(value)) if (!(k in type.attributes)) extra.push(`${where}.${k}`);
      }
      return out;
    }
    default:
      return value;
  }
}

module.exports = { parseType, convert, typeToString, containsAny, TypeError: TypeError_ };
