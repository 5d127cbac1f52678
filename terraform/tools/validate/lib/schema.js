'use strict';
// The provider schema excerpt (schema/provider-schema.json, generated from the provider's own schema) plus the
// hand-written rules in schema/constraints.json: allowed values, secret attributes and deprecations.

const path = require('node:path');
const fs = require('node:fs');

const SCHEMA_DIR = path.join(__dirname, '..', 'schema');

// terraform_data is built into Terraform itself (provider terraform.io/builtin/terraform).
const BUILTIN = {
  terraform_data: {
    attributes: {
      input: { type: 'any' },
      triggers_replace: { type: 'any' },
      id: { type: 'string', readOnly: true },
      output: { type: 'any', readOnly: true },
    },
    blocks: {},
  },
};

class Schema {
  constructor(providerSchema, constraints) {
    this.providers = providerSchema.providers;
    this.constraints = constraints;
    this.secretAttributes = new Map(Object.entries(constraints.secretAttributes ?? {}).map(([t, attrs]) => [t, new Set(attrs)]));
  }

  static load(dir = SCHEMA_DIR) {
    const providerSchema = JSON.parse(fs.readFileSync(path.join(dir, 'provider-schema.json'), 'utf8'));
    const constraints = JSON.parse(fs.readFileSync(path.join(dir, 'constraints.json'), 'utf8'));
    return new Schema(providerSchema, constraints);
  }

  providerOf(type) {
    if (type === 'terraform_data') return 'terraform';
    return type.split('_')[0];
  }

  // { block, provider } or { problem: 'unknown-provider'|'unknown-type'|'not-in-excerpt', candidates }
  lookup(mode, type) {
    if (mode === 'managed' && BUILTIN[type]) return { block: BUILTIN[type], provider: 'terraform' };
    const providerName = this.providerOf(type);
    const provider = this.providers[providerName];
    if (!provider) return { problem: 'unknown-provider', provider: providerName };
    const kind = mode === 'data' ? 'dataSources' : 'resources';
    const block = provider[kind][type];
    if (block) return { block, provider: providerName, version: provider.version };
    const all = mode === 'data' ? provider.allDataSourceTypes : provider.allResourceTypes;
    if (all.includes(type)) return { problem: 'not-in-excerpt', provider: providerName };
    return { problem: 'unknown-type', provider: providerName, candidates: all };
  }

  providerVersion(name) {
    return this.providers[name]?.version ?? null;
  }

  // Constraint for an attribute at a block path: key "aws_x.block.attr" (data sources: "data.aws_x.attr").
  constraint(mode, type, blockPath, attr) {
    const key = [mode === 'data' ? `data.${type}` : type, ...blockPath, attr].join('.');
    return this.constraints.attributes[key] ?? null;
  }

  deprecation(mode, type, attr) {
    const key = `${mode === 'data' ? `data.${type}` : type}.${attr}`;
    return this.constraints.deprecated?.[key] ?? null;
  }

  secretsOf(type) {
    return this.secretAttributes.get(type) ?? new Set();
  }
}

// Checks one known value against a constraint; returns a message or null.
function checkConstraint(rule, value) {
  if (value === null || value === undefined) return null;
  if (rule.items) {
    if (!Array.isArray(value)) return null;
    for (const v of value) {
      const m = checkConstraint(rule.items, v);
      if (m) return m;
    }
    return null;
  }
  if (rule.keys) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    for (const k of Object.keys(value)) {
      const m = checkConstraint(rule.keys, k);
      if (m) return `key ${m}`;
    }
    return null;
  }
  if (typeof value === 'object') return null;
  if (rule.enum && !rule.enum.some((e) => e === value || String(e) === String(value))) {
    return `"${value}" is not one of ${rule.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  }
  if (rule.pattern && typeof value === 'string' && !new RegExp(rule.pattern, 'u').test(value)) {
    return `"${value}" does not match ${rule.pattern}`;
  }
  if (rule.maxLength !== undefined && typeof value === 'string' && [...value].length > rule.maxLength) {
    return `"${value}" is longer than ${rule.maxLength} characters`;
  }
  if (rule.minLength !== undefined && typeof value === 'string' && [...value].length < rule.minLength) {
    return `"${value}" is shorter than ${rule.minLength} characters`;
  }
  if (rule.min !== undefined && Number(value) < rule.min) return `${value} is less than ${rule.min}`;
  if (rule.max !== undefined && Number(value) > rule.max) return `${value} is more than ${rule.max}`;
  return null;
}

module.exports = { Schema, checkConstraint, BUILTIN };
