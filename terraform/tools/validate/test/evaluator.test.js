'use strict';
// The offline evaluator's Terraform semantics that the checks rely on.

const test = require('node:test');
const assert = require('node:assert/strict');
const { compileTemplateString } = require('../lib/hcl');
const types = require('../lib/types');
const { callFunction, FunctionError } = require('../lib/functions');
const { Unknown, EncodedJson, containsSecret } = require('../lib/values');

const evaluateLiteral = (node) => {
  if (node.kind === 'tuple') return node.items.map(evaluateLiteral);
  if (node.kind === 'object') return Object.fromEntries(node.entries.map((e) => [e.key.value, evaluateLiteral(e.value)]));
  return node.value;
};

async function typeOf(text) {
  return types.parseType(await compileTemplateString(`\${${text}}`, 'test.tf'), null);
}

test('optional() attributes get their defaults, missing required ones are refused, unknown ones are reported', async () => {
  const t = await typeOf('object({ name = string, size = optional(number, 8), tags = optional(list(string), []), note = optional(string) })');
  const extra = [];
  assert.deepEqual(types.convert({ name: 'a', size: null, typo: 1 }, t, 'var.x', evaluateLiteral, extra), { name: 'a', size: 8, tags: [], note: null });
  assert.deepEqual(extra, ['var.x.typo']);
  assert.throws(() => types.convert({ size: 1 }, t, 'var.x', evaluateLiteral, []), /var\.x: attribute "name" is required/);
  assert.throws(() => types.convert({ name: 'a', size: 'big' }, t, 'var.x', evaluateLiteral, []), /var\.x\.size: number required/);
  assert.deepEqual(types.convert({ name: 7, size: '9' }, t, 'var.x', evaluateLiteral, []), { name: '7', size: 9, tags: [], note: null });
});

test('types with any are recognised, so the checks can refuse them', async () => {
  assert.equal(types.containsAny(await typeOf('map(any)')), true);
  assert.equal(types.containsAny(await typeOf('object({ a = list(string) })')), false);
});

test('jsonencode sorts keys and escapes like Terraform; with unknowns it keeps the structure', () => {
  assert.equal(callFunction('jsonencode', [{ b: 1, a: '<&>' }], {}), '{"a":"\\u003c\\u0026\\u003e","b":1}');
  const secret = new Unknown('module.x.aws_cognito_user_pool_client.c.client_secret', { secret: true });
  const encoded = callFunction('jsonencode', [{ s: secret }], {});
  assert.ok(encoded instanceof EncodedJson);
  assert.equal(containsSecret(encoded), true);
});

test('regex() follows Terraform: whole match, capture list or named groups; no match is an error', () => {
  assert.equal(callFunction('regex', ['[a-z]+', '12abc3'], {}), 'abc');
  assert.deepEqual(callFunction('regex', ['(\\d)(\\d)', 'x12'], {}), ['1', '2']);
  assert.deepEqual(callFunction('regex', ['(?P<y>\\d{4})', 'in 2027'], {}), { y: '2027' });
  assert.throws(() => callFunction('regex', ['^z', 'abc'], {}), FunctionError);
  assert.equal(callFunction('regexall', ['aws|amazon|cognito', 'my-cognito-app'], {}).length, 1);
});

test('functions on unknown values stay unknown, except where Terraform knows the answer', () => {
  const u = new Unknown('aws_x.y.id');
  assert.ok(callFunction('upper', [u], {}) instanceof Unknown);
  assert.equal(callFunction('length', [[u, u]], {}), 2);
  assert.deepEqual(callFunction('keys', [{ b: u, a: u }], {}), ['a', 'b']);
  assert.equal(callFunction('join', ['|', [u, 'z']], {}).sym, '⟨aws_x.y.id⟩|z');
  assert.deepEqual(callFunction('chunklist', [['a', 'b', 'c'], 2], {}), [['a', 'b'], ['c']]);
  assert.throws(() => callFunction('no_such_function', [], {}), /not known to the offline evaluator/);
});

test('templates: HCL escapes are decoded, $${ stays literal, and a lone interpolation keeps its type', async () => {
  const plain = await compileTemplateString('a\\b "q" $${lit}', 'test.tf');
  assert.deepEqual(plain, { kind: 'lit', value: 'a\\b "q" ${lit}', text: JSON.stringify('a\\b "q" ${lit}') });
  const lone = await compileTemplateString('${var.x}', 'test.tf');
  assert.equal(lone.kind, 'trav');
  const quoted = await compileTemplateString('${regex("^[\\\\w]+$", var.x)}', 'test.tf');
  assert.equal(quoted.args[0].value, '^[\\w]+$');
});
