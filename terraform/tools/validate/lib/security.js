'use strict';
// Security checks of the kit's own Terraform, on the offline plan of an example:
//   iam.wildcard      no "*" (or "svc:*", "Get*") action anywhere, no "*" resource unless every action of the
//                     statement is one AWS only grants on "*", no wildcard inside a resource ARN except the log
//                     streams of one log group, no NotAction/NotResource/NotPrincipal
//   iam.trust         roles trusted by cognito-identity.amazonaws.com pin the identity pool (aud) and the kind of
//                     identity (amr); no role trusts everyone
//   iam.grants        the guest role may call appsync:GraphQL on exactly <api arn>/<suffix> for each of the
//                     manifest's guest grants (and the authenticated role on the authenticated grants), nothing more
//   secrets           no secret (client secret, API key) in a non-sensitive output or in a written file
//   production        what production needs, in the plan of prod.tfvars: deletion protection, point-in-time
//                     recovery, SES email, threat protection, managed-login branding, the identity pool's token
//                     check, a WAF rate limit on the API, alarms, introspection off, SRP-only public clients and
//                     production redirect URLs
//   dynamodb          tables on demand and encrypted with KMS
//   storage           buckets with every public access switch on, encryption, ACLs off and a bucket policy that
//                     denies plain HTTP; CORS from named origins only (and no development origin in production);
//                     the roles' S3 statements give an identity's own paths ({identity}) only through
//                     ${cognito-identity.amazonaws.com:sub}; with iam.grants, the roles' S3 statements are exactly
//                     storage.json's and with iam.wildcard, object wildcards are only the declared paths'

const fs = require('node:fs');
const path = require('node:path');
const {
  Unknown, PolicyDocument, EncodedJson, ResourceInstance, isObject, containsSecret, isErrorDerived,
} = require('./values');

// The only wildcard allowed inside an ARN: the log streams of one log group, whose names the service picks.
const LOG_STREAM_WILDCARD = /^(arn:[^:*]+:logs:[^:*]+:\d{12}:log-group:[^*:]+|⟨[^*⟩]*aws_cloudwatch_log_group\.[^.*⟩]+(\[[^\]]*\])?\.arn⟩):log-stream:\*$/;

// The policy variable an identity's own storage paths are granted with.
const IDENTITY_VARIABLE = '${cognito-identity.amazonaws.com:sub}';
const IDENTITY_TOKEN = '{identity}';
// What each word of a storage declaration grants (the policy module's StoragePermission).
const STORAGE_WORDS = {
  read: ['s3:GetObject', 's3:ListBucket'],
  get: ['s3:GetObject'],
  list: ['s3:ListBucket'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  delete: ['s3:DeleteObject'],
};
const PUBLIC_ACCESS_SWITCHES = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
const ENCRYPTION = ['AES256', 'aws:kms', 'aws:kms:dsse'];

// The declared name of a bucket instance: the storage module keys its buckets by it (aws_s3_bucket.this["files"]).
function bucketKey(inst) {
  const m = /\["([^"]+)"\]$/.exec(inst.address);
  return m ? m[1] : inst.address;
}

function symText(v) {
  if (v instanceof Unknown) return v.sym;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

// Statements of a policy value: an aws_iam_policy_document, jsonencode() of a policy, or JSON text.
function statementsOf(value) {
  if (value instanceof PolicyDocument) return value.statements;
  let doc = null;
  if (value instanceof EncodedJson) doc = value.value;
  else if (typeof value === 'string') {
    try { doc = JSON.parse(value); } catch { return null; }
  }
  if (!isObject(doc)) return null;
  const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  return list(doc.Statement).map((s) => ({
    sid: s.Sid ?? null,
    effect: s.Effect,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals: isObject(s.Principal) ? Object.entries(s.Principal).map(([type, ids]) => ({ type, identifiers: list(ids) }))
      : s.Principal === '*' ? [{ type: 'AWS', identifiers: ['*'] }] : [],
    notPrincipals: isObject(s.NotPrincipal) ? Object.entries(s.NotPrincipal).map(([type, ids]) => ({ type, identifiers: list(ids) })) : [],
    conditions: isObject(s.Condition) ? Object.entries(s.Condition).flatMap(([test, vars]) =>
      Object.entries(vars).map(([variable, values]) => ({ test, variable, values: list(values) }))) : [],
  }));
}

class SecurityChecker {
  constructor({ schema, diagnostics }) {
    this.schema = schema;
    this.diagnostics = diagnostics;
    const allow = schema.constraints.actionsWithoutResourceLevelPermissions?.actions ?? [];
    this.starActions = new Set(allow.map((a) => a.toLowerCase()));
  }

  err(check, inst, message, file) {
    this.diagnostics.error(check, this.where(inst, file), message);
  }

  where(inst, file) {
    if (!inst) return { file };
    const mod = inst.module;
    return {
      file: path.relative(process.cwd(), path.join(mod.compiled.dir.dir, inst.decl.file)),
      line: inst.decl.line,
      address: inst.address,
    };
  }

  // --- the whole plan -------------------------------------------------------------------------------------------

  checkPlan(plan, { manifest, storage = null, production, label }) {
    const instances = plan.planner.instances;
    const byType = (t, mode = 'managed') => instances.filter((i) => i.type === t && i.mode === mode);
    this.label = label;
    this.storage = storage;
    this.buckets = byType('aws_s3_bucket').map((inst) => ({ inst, name: bucketKey(inst) }));
    const roles = byType('aws_iam_role');
    for (const role of roles) this.trustPolicy(role);
    for (const p of [...byType('aws_iam_role_policy'), ...byType('aws_iam_policy')]) this.permissionPolicy(p);
    for (const att of byType('aws_iam_role_policy_attachment')) this.attachment(att, byType('aws_iam_policy'));
    this.grants(roles, instances, manifest);
    this.functionStorage(roles, instances);
    this.redactions(byType('aws_appsync_resolver'), manifest);
    this.secrets(plan);
    this.tables(byType('aws_dynamodb_table'));
    this.storageBuckets(instances, production);
    if (production) this.production(instances);
  }

  // --- IAM ------------------------------------------------------------------------------------------------------

  trustPolicy(role) {
    const doc = role.attributes.assume_role_policy;
    const statements = statementsOf(doc);
    if (!statements) {
      this.err('iam.unreadable', role, 'assume_role_policy cannot be read offline; build it with data "aws_iam_policy_document" or jsonencode()');
      return;
    }
    for (const s of statements) {
      this.noNegations(role, s);
      for (const p of s.principals) {
        if (p.identifiers.some((id) => symText(id) === '*')) {
          this.err('iam.trust', role, 'the trust policy lets any principal ("*") assume the role');
        }
      }
      const cognito = s.principals.some((p) => p.type === 'Federated' && p.identifiers.includes('cognito-identity.amazonaws.com'));
      if (!cognito) continue;
      const aud = s.conditions.find((c) => c.test === 'StringEquals' && c.variable === 'cognito-identity.amazonaws.com:aud');
      const amr = s.conditions.find((c) => c.test === 'ForAnyValue:StringLike' && c.variable === 'cognito-identity.amazonaws.com:amr');
      if (!aud || aud.values.length !== 1 || !/aws_cognito_identity_pool\.[^.]+(\[[^\]]*\])?\.id$/.test(symText(aud.values[0]))) {
        this.err('iam.trust', role, 'a role trusted by cognito-identity.amazonaws.com must pin the identity pool: StringEquals cognito-identity.amazonaws.com:aud = the pool\'s id');
      }
      if (!amr || amr.values.length !== 1 || !['authenticated', 'unauthenticated'].includes(amr.values[0])) {
        this.err('iam.trust', role, 'a role trusted by cognito-identity.amazonaws.com must pin the kind of identity: ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = "authenticated" or "unauthenticated"');
      }
      if (s.actions.length !== 1 || s.actions[0] !== 'sts:AssumeRoleWithWebIdentity') {
        this.err('iam.trust', role, 'identity-pool roles may only be assumed with sts:AssumeRoleWithWebIdentity');
      }
    }
  }

  noNegations(inst, s) {
    if (s.notActions.length || s.notResources.length || s.notPrincipals.length) {
      this.err('iam.wildcard', inst, 'NotAction, NotResource and NotPrincipal grant everything else; list what is allowed instead');
    }
  }

  permissionPolicy(inst) {
    const statements = statementsOf(inst.attributes.policy);
    if (!statements) {
      this.err('iam.unreadable', inst, 'the policy cannot be read offline; build it with data "aws_iam_policy_document" or jsonencode()');
      return;
    }
    for (const s of statements) this.permissionStatement(inst, s);
  }

  permissionStatement(inst, s) {
    this.noNegations(inst, s);
    if (s.effect !== 'Allow') return;
    for (const a of s.actions) {
      const text = symText(a);
      if (text.includes('*')) this.err('iam.wildcard', inst, `action "${text}" is a wildcard; name each action`);
    }
    const actions = s.actions.map((a) => symText(a).toLowerCase());
    for (const r of s.resources) {
      const text = symText(r);
      if (text === '*') {
        const all = actions.length > 0 && actions.every((a) => this.starActions.has(a));
        if (!all) this.err('iam.wildcard', inst, `resource "*" for ${s.actions.map(symText).join(', ')}: AWS requires "*" only for actions without resource-level permissions (schema/constraints.json lists them)`);
        continue;
      }
      if (text.includes('*') && !LOG_STREAM_WILDCARD.test(text) && !this.declaredObjectPattern(text)) {
        const ref = this.bucketRef(text);
        this.err('iam.wildcard', inst, ref
          ? `resource "${text}" contains a wildcard that is not a path of the storage declaration (storage.json): grant the declared paths only`
          : `resource "${text}" contains a wildcard; name the exact resources`);
      }
    }
    if (s.resources.length === 0) this.err('iam.wildcard', inst, 'a statement without resources');
  }

  attachment(att, policies) {
    const arn = att.attributes.policy_arn;
    const target = this.policyFor(arn, policies);
    if (!target) {
      this.err('iam.managed-policy', att, `attaches ${symText(arn)}, a policy this configuration does not define, so its permissions cannot be checked`);
    }
  }

  policyFor(arn, policies) {
    const text = symText(arn);
    return policies.find((p) => text === `${p.address}.arn` || text === `${p.address}.id`) ?? null;
  }

  // --- identity-pool roles versus the manifest ------------------------------------------------------------------

  grants(roles, instances, manifest) {
    const byType = (t) => instances.filter((i) => i.type === t && i.mode === 'managed');
    const pools = byType('aws_cognito_identity_pool');
    const apis = byType('aws_appsync_graphql_api');
    const inline = byType('aws_iam_role_policy');
    const policies = byType('aws_iam_policy');
    const attachments = byType('aws_iam_role_policy_attachment');
    const guestOn = pools.some((p) => p.attributes.allow_unauthenticated_identities === true);
    const userGroups = byType('aws_cognito_user_group');
    // A role a user-pool group names (role_arn) is that group's role: "group:<name>".
    const groupOf = (role) => userGroups.find((g) => [`${role.address}.arn`, `⟨${role.address}.arn⟩`].includes(symText(g.attributes.role_arn)));

    const kindOf = (role) => {
      const st = statementsOf(role.attributes.assume_role_policy) ?? [];
      for (const s of st) {
        const amr = s.conditions.find((c) => c.variable === 'cognito-identity.amazonaws.com:amr');
        if (!amr) continue;
        if (amr.values[0] === 'unauthenticated') return 'guest';
        if (amr.values[0] !== 'authenticated') return null;
        const group = groupOf(role);
        return group ? `group:${symText(group.attributes.name)}` : 'authenticated';
      }
      return null;
    };
    const matchesRole = (value, role) => {
      const t = symText(value);
      return t === role.attributes.name || t === `${role.address}.name` || t === `${role.address}.id`;
    };

    const identityRoles = roles.map((r) => ({ role: r, kind: kindOf(r) })).filter((x) => x.kind);
    this.groupRoles(identityRoles.filter((x) => x.kind.startsWith('group:')), pools, byType('aws_cognito_identity_pool_roles_attachment'));
    if (pools.length > 0 && !identityRoles.some((x) => x.kind === 'authenticated')) {
      this.err('iam.grants', pools[0], 'the identity pool has no role for signed-in identities');
    }
    const guestRoles = identityRoles.filter((x) => x.kind === 'guest');
    if (!guestOn && guestRoles.length > 0) {
      this.err('iam.grants', guestRoles[0].role, 'a guest role exists although the identity pool does not allow unauthenticated identities');
    }
    if (guestOn && guestRoles.length === 0) {
      this.err('iam.grants', pools[0], 'the identity pool allows unauthenticated identities but no role is trusted for them');
    }
    if (!manifest) {
      if (identityRoles.length > 0) this.err('iam.grants', identityRoles[0].role, 'no manifest to compare the identity-pool roles\' grants with (declare variable "manifest_path" in the example)');
      return;
    }
    // Inside a template an unknown value shows as ⟨its origin⟩.
    const apiArns = apis.map((a) => `⟨${a.address}.arn⟩`);
    for (const { role, kind } of identityRoles) {
      // A group's role holds the authenticated role's grants: its members lose nothing.
      const expectedSuffixes = (kind === 'guest' ? manifest.grants.guest : manifest.grants.authenticated) ?? [];
      const statements = [];
      for (const p of inline.filter((i) => matchesRole(i.attributes.role, role))) {
        statements.push(...(statementsOf(p.attributes.policy) ?? []).map((s) => ({ s, from: p })));
      }
      for (const a of attachments.filter((i) => matchesRole(i.attributes.role, role))) {
        const p = this.policyFor(a.attributes.policy_arn, policies);
        if (!p) continue;
        statements.push(...(statementsOf(p.attributes.policy) ?? []).map((s) => ({ s, from: p })));
      }
      const granted = new Map();
      const storageStatements = statements.filter(({ s }) => s.effect === 'Allow' && s.actions.length > 0
        && s.actions.every((a) => symText(a).toLowerCase().startsWith('s3:')));
      this.storageGrants(role, kind, storageStatements);
      for (const { s, from } of statements) {
        if (s.effect !== 'Allow' || storageStatements.some((x) => x.s === s)) continue;
        const actions = s.actions.map(symText);
        if (actions.some((a) => a !== 'appsync:GraphQL')) {
          this.err('iam.grants', from, `the ${kind} role may only call appsync:GraphQL, but this policy also allows ${actions.filter((a) => a !== 'appsync:GraphQL').join(', ')}`);
        }
        for (const r of s.resources) granted.set(symText(r), from);
      }
      // A grant built from a value whose evaluation failed was reported there already.
      if ([...granted.keys()].some(isErrorDerived)) continue;
      const prefix = (text) => apiArns.find((a) => text.startsWith(`${a}/`));
      const actualSuffixes = new Map();
      for (const [text, from] of granted) {
        const p = prefix(text);
        if (!p) {
          this.err('iam.grants', from, `the ${kind} role is granted "${text}", which is not a field of the AppSync API this configuration creates`);
          continue;
        }
        actualSuffixes.set(text.slice(p.length + 1), from);
      }
      const expected = new Set(expectedSuffixes);
      for (const [suffix, from] of actualSuffixes) {
        if (!expected.has(suffix)) this.err('iam.grants', from, `the ${kind} role is granted ${suffix}, which the manifest's ${kind} grants do not list`);
      }
      for (const suffix of expected) {
        if (!actualSuffixes.has(suffix)) this.err('iam.grants', role, `the ${kind} role lacks the manifest's ${kind} grant ${suffix}`);
      }
    }
  }

  // Group roles are reachable only through token-based role mapping, and safe only without the classic flow (which
  // lets any signed-in identity assume any role the pool's identities are trusted for). Every group storage.json
  // gives a role has one.
  groupRoles(groupRoles, pools, attachments) {
    if (groupRoles.length > 0) {
      for (const pool of pools) {
        if (pool.attributes.allow_classic_flow === true) {
          this.err('iam.trust', pool, `the classic flow is on while user-pool groups have roles (${groupRoles.map((g) => g.kind).join(', ')}): any signed-in identity could assume them with sts:AssumeRoleWithWebIdentity`);
        }
      }
      const mappings = attachments.flatMap((a) => (a.attributes.role_mapping ?? []).map((m) => ({ a, m })));
      const token = mappings.filter(({ m }) => m.type === 'Token');
      if (token.length === 0) {
        this.err('iam.grants', groupRoles[0].role, `user-pool groups have roles (${groupRoles.map((g) => g.kind).join(', ')}) but the identity pool's roles attachment has no role_mapping of type Token, so no member ever gets them`);
      }
      for (const { a, m } of token) {
        if (m.ambiguous_role_resolution !== 'AuthenticatedRole') {
          this.err('iam.grants', a, `role_mapping for ${symText(m.identity_provider)}: ambiguous_role_resolution must be "AuthenticatedRole", so signed-in users outside the groups keep the authenticated role`);
        }
      }
    }
    if (!this.storage) return;
    const have = new Set(groupRoles.map((g) => g.kind.slice('group:'.length)));
    for (const group of Object.keys(this.storage.groupRoles ?? {})) {
      if (!have.has(group)) {
        this.err('iam.grants', pools[0], `storage.json gives the user-pool group ${group} a role of its own, but no aws_cognito_user_group named ${group} has a role_arn: pass storage.json's groupRoles to the identity-pool module and its group_role_arns to the user-pool module's groups`);
      }
    }
  }

  // --- storage --------------------------------------------------------------------------------------------------

  // "⟨<bucket>.arn⟩/<pattern>" or "<bucket>.arn" (or the bucket's ARN itself): the declared bucket and object pattern.
  bucketRef(text) {
    for (const { inst, name } of this.buckets) {
      const arn = `${inst.address}.arn`;
      if (text === arn || text === `⟨${arn}⟩`) return { bucket: name, object: null };
      if (text.startsWith(`⟨${arn}⟩/`)) return { bucket: name, object: text.slice(arn.length + 3) };
    }
    return null;
  }

  // Whether a resource is an object pattern storage.json grants (the declared paths, nothing wider).
  declaredObjectPattern(text) {
    const ref = this.bucketRef(text);
    if (!ref || ref.object === null || !this.storage || ref.object.startsWith('*')) return false;
    const all = [...Object.values(this.storage.statements ?? {}).flat(),
      ...Object.values(this.storage.groupRoles ?? {}).flatMap((g) => g.statements ?? [])];
    return all.some((s) => s.bucket === ref.bucket && (s.objects ?? []).includes(ref.object));
  }

  // The S3 statements of an identity-pool role are exactly storage.json's for that role: each action on the same
  // object patterns, and s3:ListBucket limited by s3:prefix to the same prefixes.
  storageGrants(role, kind, statements) {
    const actual = this.s3Grants(kind, statements);
    this.ownerPaths(kind, actual);
    if (!this.storage) {
      if (actual.size > 0) this.err('iam.grants', statements[0].from, `no storage.json to compare the ${kind} role's S3 statements with (declare variable "storage_path" in the example)`);
      return;
    }
    this.compareGrants(`the ${kind} role`, role, actual, this.expectedGrants(kind));
  }

  // storage.json's statements for a role kind (guest, authenticated, group:<name>, function) as "<action> <bucket>/<pattern>" and
  // "<action> <bucket> prefix <prefix>" texts.
  expectedGrants(kind) {
    const expected = new Set();
    const declared = kind.startsWith('group:')
      ? this.storage?.groupRoles?.[kind.slice('group:'.length)]?.statements
      : this.storage?.statements?.[kind];
    for (const s of declared ?? []) {
      for (const action of s.actions) {
        for (const o of s.objects ?? []) expected.add(`${action} ${s.bucket}/${o}`);
        for (const p of s.listPrefixes ?? []) expected.add(`${action} ${s.bucket} prefix ${p}`);
      }
    }
    return expected;
  }

  compareGrants(who, at, actual, expected) {
    for (const [grant, from] of actual) {
      if (!expected.has(grant)) this.err('iam.grants', from, `${who} is granted ${grant}, which storage.json does not list for it`);
    }
    for (const grant of expected) {
      if (!actual.has(grant)) this.err('iam.grants', at, `${who} lacks storage.json's grant ${grant}`);
    }
  }

  // The S3 statements of the functions' execution roles (roles Lambda assumes): exactly storage.json's "function"
  // statements, which fieldgate.json declares per path for the resolver function; deny by default, so a Lambda role
  // with any other S3 grant, or a declaration no role carries out, is an error.
  functionStorage(roles, instances) {
    const byType = (t) => instances.filter((i) => i.type === t && i.mode === 'managed');
    const lambdaRoles = roles.filter((r) => (statementsOf(r.attributes.assume_role_policy) ?? []).some((s) => s.effect === 'Allow'
      && s.principals.some((p) => p.type === 'Service' && p.identifiers.map(symText).includes('lambda.amazonaws.com'))));
    const matchesRole = (value, role) => {
      const t = symText(value);
      return t === role.attributes.name || t === `${role.address}.name` || t === `${role.address}.id`;
    };
    const expected = this.expectedGrants('function');
    const granted = [];
    for (const role of lambdaRoles) {
      const statements = [];
      for (const p of byType('aws_iam_role_policy').filter((i) => matchesRole(i.attributes.role, role))) {
        statements.push(...(statementsOf(p.attributes.policy) ?? []).map((s) => ({ s, from: p })));
      }
      for (const a of byType('aws_iam_role_policy_attachment').filter((i) => matchesRole(i.attributes.role, role))) {
        const p = this.policyFor(a.attributes.policy_arn, byType('aws_iam_policy'));
        if (p) statements.push(...(statementsOf(p.attributes.policy) ?? []).map((s) => ({ s, from: p })));
      }
      const s3 = statements.filter(({ s }) => s.effect === 'Allow' && s.actions.some((a) => symText(a).toLowerCase().startsWith('s3:')));
      if (s3.length === 0) continue;
      const actual = this.s3Grants('function', s3);
      if (!this.storage) {
        this.err('iam.grants', s3[0].from, `no storage.json to compare the S3 statements of ${role.address} with (declare variable "storage_path" in the example)`);
        continue;
      }
      granted.push(role);
      this.compareGrants(`the function role ${role.address}`, role, actual, expected);
    }
    if (granted.length === 0 && expected.size > 0) {
      const at = lambdaRoles[0] ?? null;
      for (const grant of expected) this.err('iam.grants', at, `storage.json grants the resolver function ${grant}, but no role Lambda assumes is granted it`);
    }
  }

  s3Grants(kind, statements) {
    const actual = new Map();
    for (const { s, from } of statements) {
      const prefixes = s.conditions.filter((c) => c.variable === 's3:prefix' && ['StringLike', 'StringEquals'].includes(c.test))
        .flatMap((c) => c.values.map(symText));
      for (const action of s.actions.map(symText)) {
        for (const r of s.resources.map(symText)) {
          const ref = this.bucketRef(r);
          if (!ref) {
            this.err('iam.grants', from, `the ${kind} role is granted ${action} on "${r}", which is not a bucket this configuration creates`);
            continue;
          }
          if (ref.object === null) {
            if (prefixes.length === 0) {
              this.err('iam.grants', from, `the ${kind} role may ${action} on the whole bucket ${ref.bucket}: s3:ListBucket needs a StringLike s3:prefix condition with the declared prefixes`);
            }
            for (const p of prefixes) actual.set(`${action} ${ref.bucket} prefix ${p}`, from);
          } else {
            actual.set(`${action} ${ref.bucket}/${ref.object}`, from);
          }
        }
      }
    }
    return actual;
  }

  // Whatever only the owner of an {identity} path may do reaches that path through the policy variable alone, never
  // through a wildcard or another value in the identity's place. Read from the declaration itself (storage.json's
  // "declared"), so a wrong storage.json is caught too.
  ownerPaths(kind, actual) {
    if (kind !== 'authenticated' || !this.storage) return;
    const expand = (words) => new Set((words ?? []).flatMap((w) => STORAGE_WORDS[w] ?? []));
    for (const bucket of this.storage.declared ?? []) {
      for (const [pattern, access] of Object.entries(bucket.paths ?? {})) {
        const at = pattern.indexOf(IDENTITY_TOKEN);
        if (at < 0) continue;
        const before = pattern.slice(0, at);
        const everyone = expand(access.authenticated);
        const ownerOnly = [...expand(access.owner)].filter((a) => !everyone.has(a));
        for (const [grant, from] of actual) {
          const m = /^(\S+) (\S+?)(\/| prefix )(.*)$/.exec(grant);
          if (!m || m[2] !== bucket.name || !ownerOnly.includes(m[1])) continue;
          const key = m[4];
          if (!key.startsWith(before) || key.slice(before.length).startsWith(IDENTITY_VARIABLE)) continue;
          if (key === before && m[3] === ' prefix ') continue;
          this.err('storage', from, `${m[1]} on ${bucket.name}/${key} reaches other identities' ${pattern}: only the owner may, so grant ${before}${IDENTITY_VARIABLE}/… (the policy variable), never a wildcard or a fixed id`);
        }
      }
    }
  }

  // Every bucket is private, encrypted, owner-enforced and HTTPS-only; CORS names its origins.
  storageBuckets(instances, production) {
    const managed = instances.filter((i) => i.mode === 'managed');
    const byType = (t) => managed.filter((i) => i.type === t);
    const first = (v) => (Array.isArray(v) ? v[0] : undefined);
    for (const { inst: bucket, name } of this.buckets) {
      const refers = (i) => [`${bucket.address}.id`, `${bucket.address}.bucket`].includes(symText(i.attributes.bucket));
      const block = byType('aws_s3_bucket_public_access_block').find(refers);
      const off = block ? PUBLIC_ACCESS_SWITCHES.filter((k) => block.attributes[k] !== true) : PUBLIC_ACCESS_SWITCHES;
      if (off.length) {
        this.err('storage', block ?? bucket, `bucket ${name}: public access must be blocked: aws_s3_bucket_public_access_block with ${off.join(', ')} = true`);
      }
      const sse = byType('aws_s3_bucket_server_side_encryption_configuration').find(refers);
      const algorithm = first(first(sse?.attributes.rule)?.apply_server_side_encryption_by_default)?.sse_algorithm;
      if (!ENCRYPTION.includes(algorithm)) {
        this.err('storage', sse ?? bucket, `bucket ${name}: objects must be encrypted: aws_s3_bucket_server_side_encryption_configuration with sse_algorithm ${ENCRYPTION.join(' or ')} (is ${JSON.stringify(symText(algorithm ?? 'none'))})`);
      }
      const ownership = byType('aws_s3_bucket_ownership_controls').find(refers);
      if (first(ownership?.attributes.rule)?.object_ownership !== 'BucketOwnerEnforced') {
        this.err('storage', ownership ?? bucket, `bucket ${name}: ACLs must be off: aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced"`);
      }
      const policy = byType('aws_s3_bucket_policy').find(refers);
      const statements = policy ? statementsOf(policy.attributes.policy) ?? [] : [];
      const arn = `${bucket.address}.arn`;
      const tlsOnly = statements.some((st) => st.effect === 'Deny'
        && st.actions.map(symText).includes('s3:*')
        && st.principals.some((p) => p.identifiers.map(symText).includes('*'))
        && st.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.map(String).includes('false'))
        && st.resources.map(symText).some((r) => r === arn || r === `⟨${arn}⟩`)
        && st.resources.map(symText).includes(`⟨${arn}⟩/*`));
      if (!tlsOnly) {
        this.err('storage', policy ?? bucket, `bucket ${name}: requests over plain HTTP must be refused: a bucket policy statement that denies s3:* to "*" on the bucket and ${'<arn>'}/* when aws:SecureTransport is false`);
      }
      for (const cors of byType('aws_s3_bucket_cors_configuration').filter(refers)) {
        const origins = (Array.isArray(cors.attributes.cors_rule) ? cors.attributes.cors_rule : []).flatMap((r) => r.allowed_origins ?? []).map(symText);
        const wild = origins.filter((o) => o.includes('*'));
        if (wild.length) this.err('storage', cors, `bucket ${name}: CORS allows ${wild.join(', ')}: name the app's origins (storage.corsOrigins)`);
        const local = origins.filter((o) => /^http:\/\//.test(o) || /^[a-z]+:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/.test(o));
        if (production && local.length) {
          this.err('production', cors, `bucket ${name}: development origins in production CORS: ${local.join(', ')} (set storage.corsOrigins in the environment's app config overlay)`);
        }
      }
    }
  }

  // --- secrets --------------------------------------------------------------------------------------------------

  secrets(plan) {
    for (const mi of plan.planner.modules) {
      for (const [name, o] of mi.compiled.outputs) {
        if (o.sensitive) continue;
        const v = mi.outputCache.get(name);
        if (v !== undefined && containsSecret(v)) {
          this.diagnostics.error('secrets', {
            file: path.relative(process.cwd(), path.join(mi.dir, o.decl.file)), line: o.decl.line, address: `${mi.prefix}output.${name}`,
          }, 'this output carries a secret (a client secret or API key); mark it sensitive = true');
        }
      }
    }
    for (const f of plan.planner.instances.filter((i) => i.type === 'local_file' && i.mode === 'managed')) {
      const content = f.attributes.content;
      if (containsSecret(content)) this.err('secrets', f, 'a secret (a client secret or API key) would be written to a file');
      const keys = [];
      const collect = (v) => {
        if (v instanceof EncodedJson) return collect(v.value);
        if (Array.isArray(v)) return v.forEach(collect);
        if (isObject(v)) for (const [k, x] of Object.entries(v)) { keys.push(k); collect(x); }
        return undefined;
      };
      collect(content instanceof EncodedJson ? content : typeof content === 'string' ? safeParse(content) : null);
      const bad = keys.filter((k) => /secret|password|api_key|apikey|private_key/i.test(k));
      if (bad.length) this.err('secrets', f, `the written file has keys that look like secrets: ${[...new Set(bad)].join(', ')}`);
    }
  }

  // --- tables and production ------------------------------------------------------------------------------------

  // --- what subscribers receive ---------------------------------------------------------------------------------

  // AppSync hands a subscription's listeners the response of each mutation it names, resolved for the mutation's
  // caller; a field the manifest redacts is answered null there by its resolver, which recognises the response by
  // the mark the mutation's function sets. So each redacted field needs a resolver on the mutation's data source.
  redactions(resolvers, manifest) {
    // No resolvers at all means the API module did not load; the checks that own that report it.
    if (!manifest || !Array.isArray(manifest.subscriptions) || resolvers.length === 0) return;
    const byCoordinate = new Map(resolvers.map((r) => [`${symText(r.attributes.type)}.${symText(r.attributes.field)}`, r]));
    for (const subscription of manifest.subscriptions) {
      for (const mutation of subscription.mutations ?? []) {
        const writer = byCoordinate.get(`Mutation.${mutation}`);
        for (const coordinate of subscription.redacted ?? []) {
          const withholder = byCoordinate.get(coordinate);
          const leak = `${mutation}'s response would carry ${coordinate} to every listener of ${subscription.field}`;
          if (!withholder) {
            this.err('appsync.redaction', writer, `no resolver for ${coordinate}, which the manifest redacts from ${mutation}'s response: ${leak}; create every resolver the manifest lists`);
          } else if (writer && symText(withholder.attributes.data_source) !== symText(writer.attributes.data_source)) {
            this.err('appsync.redaction', withholder, `${coordinate} resolves on ${symText(withholder.attributes.data_source)}, not on the data source of Mutation.${mutation}: the function marks the responses it redacts, so ${leak}`);
          }
        }
      }
    }
  }

  tables(tables) {
    for (const t of tables) {
      if (t.attributes.billing_mode !== 'PAY_PER_REQUEST') this.err('dynamodb', t, 'tables are on demand: billing_mode = "PAY_PER_REQUEST"');
      const sse = t.attributes.server_side_encryption;
      if (!Array.isArray(sse) || sse[0]?.enabled !== true) this.err('dynamodb', t, 'tables are encrypted with KMS: server_side_encryption { enabled = true }');
    }
  }

  // What a production environment needs, on the plan of prod.tfvars (docs/deploying.md).
  production(instances) {
    const managed = instances.filter((i) => i.mode === 'managed');
    const byType = (t) => managed.filter((i) => i.type === t);
    const first = (v) => (Array.isArray(v) ? v[0] : undefined);
    const refersTo = (value, inst, attr) => symText(value) === `${inst.address}.${attr}`;
    for (const i of byType('aws_dynamodb_table')) {
      if (i.attributes.deletion_protection_enabled !== true) this.err('production', i, 'deletion_protection_enabled must be true in production');
      if (first(i.attributes.point_in_time_recovery)?.enabled !== true) this.err('production', i, 'point_in_time_recovery must be enabled in production');
    }
    const pools = byType('aws_cognito_user_pool');
    for (const pool of pools) {
      const a = pool.attributes;
      if (a.deletion_protection !== 'ACTIVE') {
        this.err('production', pool, `deletion_protection must be "ACTIVE" in production, is ${JSON.stringify(symText(a.deletion_protection ?? null))}`);
      }
      const email = first(a.email_configuration);
      if (email?.email_sending_account !== 'DEVELOPER' || email?.source_arn === null || email?.source_arn === undefined) {
        this.err('production', pool, 'production email goes through Amazon SES: email_configuration { email_sending_account = "DEVELOPER", source_arn = <a verified SES identity> } (Cognito\'s default sender allows about 50 emails a day)');
      }
      const mode = first(a.user_pool_add_ons)?.advanced_security_mode;
      if (mode !== 'ENFORCED' || a.user_pool_tier !== 'PLUS') {
        this.err('production', pool, `threat protection must be on in production: user_pool_add_ons { advanced_security_mode = "ENFORCED" } on the PLUS tier (is ${JSON.stringify(symText(mode ?? 'OFF'))} on ${JSON.stringify(symText(a.user_pool_tier ?? 'the default tier'))})`);
      }
      const oauthClients = byType('aws_cognito_user_pool_client').filter((c) => refersTo(c.attributes.user_pool_id, pool, 'id')
        && Array.isArray(c.attributes.allowed_oauth_flows) && c.attributes.allowed_oauth_flows.length > 0);
      const managedLogin = byType('aws_cognito_user_pool_domain').some((d) => refersTo(d.attributes.user_pool_id, pool, 'id') && Number(d.attributes.managed_login_version) === 2);
      if (managedLogin) {
        for (const c of oauthClients) {
          const styled = byType('aws_cognito_managed_login_branding').some((b) => refersTo(b.attributes.client_id, c, 'id'));
          if (!styled) this.err('production', c, 'the pool\'s domain uses managed login (version 2), but this OAuth client has no aws_cognito_managed_login_branding: its sign-in pages would show an error');
        }
      }
      for (const c of byType('aws_cognito_user_pool_client').filter((x) => refersTo(x.attributes.user_pool_id, pool, 'id'))) {
        const flows = Array.isArray(c.attributes.explicit_auth_flows) ? c.attributes.explicit_auth_flows : [];
        if (c.attributes.generate_secret !== true && flows.includes('ALLOW_USER_PASSWORD_AUTH')) {
          this.err('production', c, 'a public client (no secret) allows ALLOW_USER_PASSWORD_AUTH in production, which sends the password itself; public clients sign in with SRP (ALLOW_USER_SRP_AUTH)');
        }
        const urls = [...(c.attributes.callback_urls ?? []), ...(c.attributes.logout_urls ?? [])].filter((u) => typeof u === 'string');
        const local = urls.filter((u) => /^http:\/\//.test(u) || /^[a-z]+:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/.test(u));
        if (local.length) this.err('production', c, `redirect URLs for development in production: ${local.join(', ')} (set the environment's own in its app config overlay)`);
      }
    }
    for (const pool of byType('aws_cognito_identity_pool')) {
      const providers = Array.isArray(pool.attributes.cognito_identity_providers) ? pool.attributes.cognito_identity_providers : [];
      if (providers.some((p) => p.server_side_token_check !== true)) {
        this.err('production', pool, 'cognito_identity_providers must set server_side_token_check = true in production, so credentials are refused for revoked and signed-out tokens');
      }
    }
    const guests = byType('aws_cognito_identity_pool').some((p) => p.attributes.allow_unauthenticated_identities === true);
    const acls = byType('aws_wafv2_web_acl');
    const rateLimited = (acl) => (Array.isArray(acl.attributes.rule) ? acl.attributes.rule : []).some((r) => first(first(r.statement)?.rate_based_statement) !== undefined
      && first(r.action)?.block !== undefined);
    for (const api of byType('aws_appsync_graphql_api')) {
      if (api.attributes.introspection_config !== 'DISABLED') {
        this.err('production', api, 'introspection must be off in production (introspection_config = "DISABLED"; api.introspection = false in the environment\'s app config overlay): clients and tools take the schema from the generated appsync.graphql');
      }
      const association = byType('aws_wafv2_web_acl_association').find((w) => refersTo(w.attributes.resource_arn, api, 'arn'));
      const acl = association && acls.find((a) => refersTo(association.attributes.web_acl_arn, a, 'arn'));
      if (!acl || !rateLimited(acl)) {
        this.err('production', api, `${association ? 'the web ACL in front of the API has no rate-based rule that blocks' : 'no WAF web ACL is associated with the API'}: production needs a rate limit per IP${guests ? ', the more so as guests reach the API without signing in' : ''}`);
      }
      const alarms = byType('aws_cloudwatch_metric_alarm');
      const has5xx = alarms.some((al) => al.attributes.namespace === 'AWS/AppSync' && al.attributes.metric_name === '5XXError'
        && refersTo(al.attributes.dimensions?.GraphQLAPIId, api, 'id'));
      if (!has5xx) this.err('production', api, 'no CloudWatch alarm on the API\'s 5XXError (namespace AWS/AppSync, dimension GraphQLAPIId)');
    }
    for (const fn of byType('aws_lambda_function')) {
      const name = fn.attributes.function_name;
      for (const metric of ['Errors', 'Throttles']) {
        const found = byType('aws_cloudwatch_metric_alarm').some((al) => al.attributes.namespace === 'AWS/Lambda' && al.attributes.metric_name === metric
          && (al.attributes.dimensions?.FunctionName === name || refersTo(al.attributes.dimensions?.FunctionName, fn, 'function_name')));
        if (!found) this.err('production', fn, `no CloudWatch alarm on the function's ${metric} (namespace AWS/Lambda, dimension FunctionName)`);
      }
    }
  }
}

function safeParse(s) {
  try { return JSON.parse(s); } catch { return null; }
}

function readManifest(file) {
  if (!file || !fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { SecurityChecker, statementsOf, readManifest, ResourceInstance };
