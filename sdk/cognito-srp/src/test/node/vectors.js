'use strict';
// Regenerates the Cognito SRP test vectors with amazon-cognito-identity-js, the client AWS ships.
// Usage: node vectors.js [output.json]   (prints to stdout without an argument)
//
// The client half (A, u, x, S, the HKDF key, the signature and TIMESTAMP) is computed by the library's own
// AuthenticationHelper and DateHelper with a fixed private value a. The library has no server half, so B and the
// verifier are computed here with the library's BigInteger and the library's k, exactly as RFC 5054 defines them.
const crypto = require('crypto');
const fs = require('fs');
const { AuthenticationHelper, DateHelper } = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;

function sha256Hex(text) {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function fixedBig(label, repeat) {
  return new BigInteger(sha256Hex(label).repeat(repeat), 16);
}

function nowStringAt(iso) {
  const RealDate = Date;
  const fixed = new RealDate(iso);
  // DateHelper reads `new Date()`; pin it for one call.
  global.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) {
        super(fixed.getTime());
      } else {
        super(...args);
      }
    }
  };
  try {
    return new DateHelper().getNowString();
  } finally {
    global.Date = RealDate;
  }
}

// The library's modPow is callback style (it answers synchronously).
function modPow(base, exponent, modulus) {
  let result;
  base.modPow(exponent, modulus, (err, value) => {
    if (err) throw err;
    result = value;
  });
  return result;
}

function passwordKey(helper, username, password, serverB, salt) {
  let key;
  helper.getPasswordAuthenticationKey(username, password, serverB, salt, (err, hkdf) => {
    if (err) throw err;
    key = hkdf;
  });
  if (!key) throw new Error('AuthenticationHelper did not answer synchronously');
  return Buffer.from(key);
}

function vector(c) {
  const poolName = c.userPoolId.split('_')[1];
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = c.a;
  helper.largeAValue = undefined;
  helper.getLargeAValue(() => {});
  const A = helper.largeAValue;

  const salt = c.salt;
  const x = new BigInteger(helper.hexHash(helper.padHex(salt) + helper.hash(`${poolName}${c.username}:${c.password}`)), 16);
  const v = modPow(helper.g, x, helper.N);
  const B = helper.k.multiply(v).add(modPow(helper.g, c.b, helper.N)).mod(helper.N);

  const key = passwordKey(helper, c.username, c.password, B, salt);
  const u = helper.UValue;
  const serverS = modPow(A.multiply(modPow(v, u, helper.N)).mod(helper.N), c.b, helper.N);
  const serverKey = Buffer.from(helper.computehkdf(Buffer.from(helper.padHex(serverS), 'hex'),
    Buffer.from(helper.padHex(u), 'hex')));
  if (!serverKey.equals(key)) throw new Error(`client and server keys differ for ${c.name}`);

  const timestamp = nowStringAt(c.time);
  const message = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(c.username, 'utf8'),
    Buffer.from(c.secretBlock, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]);
  const signature = crypto.createHmac('sha256', key).update(message).digest('base64');

  return {
    name: c.name,
    userPoolId: c.userPoolId,
    username: c.username,
    password: c.password,
    saltHex: salt.toString(16),
    aHex: c.a.toString(16),
    bHex: c.b.toString(16),
    srpAHex: A.toString(16),
    verifierHex: v.toString(16),
    srpBHex: B.toString(16),
    kHex: helper.k.toString(16),
    xHex: x.toString(16),
    uHex: u.toString(16),
    keyHex: key.toString('hex'),
    secretBlock: c.secretBlock,
    time: c.time,
    timestamp,
    signature,
  };
}

const cases = [
  {
    // The case worked by hand in the project's design notes: x, u, key and signature must match it.
    name: 'reference-note',
    userPoolId: 'us-east-1_AbCdEf123',
    username: 'alice',
    password: 'P@ssw0rd!',
    salt: new BigInteger('8ce8291892390f6b53a245933faf6164', 16),
    a: fixedBig('fixed-a', 4),
    b: fixedBig('fixed-b', 4),
    secretBlock: Buffer.from('opaque-secret-block-bytes').toString('base64'),
    time: '2024-03-05T09:03:07Z',
  },
  {
    // Salt with its top bit set (padded with 00) and a two-digit day.
    name: 'high-bit-salt',
    userPoolId: 'eu-west-2_Zx9Yw8Vu7',
    username: '7d2c2c8e-4f1a-4bb0-9a55-0f6c3a1d2e11',
    password: 'Correct-Horse-9',
    salt: new BigInteger('f1e2d3c4b5a6978877665544332211ff', 16),
    a: fixedBig('high-bit-a', 4),
    b: fixedBig('high-bit-b', 1),
    secretBlock: crypto.createHash('sha512').update('block-2').digest('base64'),
    time: '2025-12-31T23:59:59Z',
  },
  {
    // Salt with a leading zero byte (shorter than 32 hex digits once parsed) and a non-ASCII password.
    name: 'short-salt-unicode',
    userPoolId: 'ap-southeast-2_Q1w2E3r4T',
    username: 'björn',
    password: 'Pässwörd-€-1',
    salt: new BigInteger('00a1b2c3d4e5f60718293a4b5c6d7e8f', 16),
    a: fixedBig('short-salt-a', 3),
    b: fixedBig('short-salt-b', 2),
    secretBlock: Buffer.from('AgV4' + 'x'.repeat(60)).toString('base64'),
    time: '2026-01-01T00:00:00Z',
  },
  {
    name: 'leap-day',
    userPoolId: 'us-west-2_aaaaaaaaa',
    username: 'user+tag@example.com',
    password: 'a b c d e f',
    salt: new BigInteger('0123456789abcdef0123456789abcdef', 16),
    a: fixedBig('leap-a', 4),
    b: fixedBig('leap-b', 4),
    secretBlock: crypto.createHash('sha256').update('block-4').digest('base64'),
    time: '2028-02-29T12:07:09Z',
  },
];

const timestamps = [
  '2024-03-05T09:03:07Z', '2024-09-05T00:00:00Z', '2024-12-25T23:59:59Z', '2028-02-29T12:07:09Z',
  '2030-01-10T01:02:03Z', '1999-12-31T23:59:59Z',
].map(time => ({ time, timestamp: nowStringAt(time) }));

const out = JSON.stringify({
  generator: 'amazon-cognito-identity-js ' + require('amazon-cognito-identity-js/package.json').version,
  vectors: cases.map(vector),
  timestamps,
}, null, 2) + '\n';

if (process.argv[2]) {
  fs.writeFileSync(process.argv[2], out);
} else {
  process.stdout.write(out);
}
