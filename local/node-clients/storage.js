// Drives the local stack's S3 with AWS's JavaScript clients as a web or Node app would: the AWS SDK for JavaScript v3
// S3 client (path-style and virtual-hosted, presigned URLs, a 20 MB multipart upload, forged and skewed signatures)
// and Amplify JS v6 Storage (uploadData, downloadData, list, remove), with identity-pool credentials of a guest and
// two signed-in users. Amplify is configured from the outputs file the stack wrote (its storage section) and reaches
// the local S3 through its customEndpoint option; Auth through userPoolEndpoint / identityPoolEndpoint. Prints one
// JSON summary of what each call answered; exits 1 only when the script itself cannot go on.
//
// Environment: OUTPUTS (amplify_outputs.json), OUTBOX (the state's outbox folder), EMAIL_A, EMAIL_B, PASSWORD.
// Trust of the stack's local CA comes from NODE_EXTRA_CA_CERTS, as for any Node program.
'use strict';

const crypto = require('node:crypto');
const dns = require('node:dns');
const fs = require('node:fs');
const path = require('node:path');

// Browsers resolve every name under localhost to the loopback address (virtual-hosted buckets are
// <bucket>.localhost); Node asks the system resolver, which does not. Resolve them the way a browser does.
const systemLookup = dns.lookup;
dns.lookup = function lookup(host, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof host === 'string' && host.toLowerCase().endsWith('.localhost')) {
    const all = typeof options === 'object' && options !== null && options.all;
    return process.nextTick(() => (all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)));
  }
  return systemLookup.call(this, host, options, callback);
};

// Node 20 has no FileReader; Amplify's multipart upload reads each part of the data with the browser's. This one
// does what a browser's readAsArrayBuffer does, through the Blob's own arrayBuffer().
if (typeof globalThis.FileReader === 'undefined') {
  globalThis.FileReader = class FileReader {
    readAsArrayBuffer(blob) {
      blob.arrayBuffer().then((buffer) => {
        this.result = buffer;
        this.onload && this.onload();
      }, (error) => {
        this.error = error;
        this.onerror && this.onerror();
      });
    }
  };
}

const { Amplify } = require('aws-amplify');
const { parseAmplifyConfig } = require('aws-amplify/utils');
const auth = require('aws-amplify/auth');
const storage = require('aws-amplify/storage');
const {
  S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command, DeleteObjectCommand, HeadObjectCommand,
  CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand,
} = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const outputs = JSON.parse(fs.readFileSync(process.env.OUTPUTS, 'utf8'));
const config = parseAmplifyConfig(outputs);
const endpoints = outputs.custom.fieldgate.endpoints;
config.Auth.Cognito.userPoolEndpoint = endpoints.cognito_idp;
config.Auth.Cognito.identityPoolEndpoint = endpoints.cognito_identity;
Amplify.configure(config);

const bucket = outputs.storage.bucket_name;
const region = outputs.storage.aws_region;
const s3Endpoint = endpoints.s3;
// Virtual-hosted buckets are <bucket>.localhost: the endpoint by the name localhost rather than 127.0.0.1.
const byName = new URL(s3Endpoint);
byName.hostname = 'localhost';
const virtualEndpoint = byName.origin;
// Amplify's customEndpoint is a host and port (it always speaks https and addresses the bucket by host).
const customEndpoint = byName.host;
const password = process.env.PASSWORD;

function s3(credentials, options = {}) {
  return new S3Client({
    region,
    endpoint: options.virtualHost ? virtualEndpoint : s3Endpoint,
    forcePathStyle: options.virtualHost !== true,
    credentials,
    maxAttempts: 1,
    ...(options.clockOffset ? { systemClockOffset: options.clockOffset } : {}),
  });
}

// What a call answered: {ok: true, ...} or the S3 error's code and HTTP status.
async function outcome(call) {
  try {
    const value = await call();
    return { ok: true, ...(value === undefined ? {} : { value }) };
  } catch (error) {
    return {
      ok: false,
      code: error.Code || error.name,
      status: error.$metadata ? error.$metadata.httpStatusCode : undefined,
      message: error.message,
    };
  }
}

function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

async function outboxCode(destination) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    for (const name of fs.existsSync(process.env.OUTBOX) ? fs.readdirSync(process.env.OUTBOX).sort().reverse() : []) {
      const message = JSON.parse(fs.readFileSync(path.join(process.env.OUTBOX, name), 'utf8'));
      if (message.destination === destination && message.code) {
        return message.code;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code in the outbox for ${destination}`);
}

async function signedIn(email) {
  await auth.signUp({ username: email, password, options: { userAttributes: { email } } });
  await auth.confirmSignUp({ username: email, confirmationCode: await outboxCode(email) });
  await auth.signIn({ username: email, password, options: { authFlowType: 'USER_SRP_AUTH' } });
  const session = await auth.fetchAuthSession();
  return { identityId: session.identityId, credentials: session.credentials };
}

async function fetched(url, init) {
  const response = await fetch(url, init);
  const body = await response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(body);
  return { status: response.status, body: code ? undefined : body, code: code ? code[1] : undefined };
}

async function main() {
  const result = { bucket, js: {}, amplify: {} };
  const js = result.js;
  const amp = result.amplify;

  // Bob first: his private file, written with each client.
  const bob = await signedIn(process.env.EMAIL_B);
  result.bobIdentityId = bob.identityId;
  const bobKey = `private/${bob.identityId}/bob.txt`;
  await s3(bob.credentials).send(new PutObjectCommand({ Bucket: bucket, Key: bobKey, Body: 'bob only' }));
  await auth.signOut();

  const alice = await signedIn(process.env.EMAIL_A);
  result.aliceIdentityId = alice.identityId;
  const asAlice = s3(alice.credentials);
  const own = `private/${alice.identityId}/`;

  // The JavaScript v3 client, path-style.
  js.put = await outcome(() => asAlice.send(new PutObjectCommand({
    Bucket: bucket, Key: `${own}js/note.txt`, Body: 'from js', ContentType: 'text/plain',
  })).then(() => undefined));
  js.get = await outcome(async () => {
    const got = await asAlice.send(new GetObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` }));
    return { body: await got.Body.transformToString(), contentType: got.ContentType };
  });
  js.head = await outcome(async () => (await asAlice.send(new HeadObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` }))).ContentLength);
  js.readBobs = await outcome(() => asAlice.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey })).then(() => undefined));
  js.writeBobs = await outcome(() => asAlice.send(new PutObjectCommand({ Bucket: bucket, Key: bobKey, Body: 'x' })).then(() => undefined));
  js.listOwn = await outcome(async () => (await asAlice.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: own })))
    .Contents.map((o) => o.Key));
  js.listAll = await outcome(() => asAlice.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/' })).then(() => undefined));
  js.listBobs = await outcome(() => asAlice.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `private/${bob.identityId}/` })).then(() => undefined));
  js.putPublic = await outcome(() => asAlice.send(new PutObjectCommand({
    Bucket: bucket, Key: 'public/js-hello.txt', Body: 'hello, guests',
  })).then(() => undefined));

  // Virtual-hosted: <bucket>.localhost.
  const virtual = s3(alice.credentials, { virtualHost: true });
  js.virtualPut = await outcome(() => virtual.send(new PutObjectCommand({ Bucket: bucket, Key: `${own}js/virtual.txt`, Body: 'by host' })).then(() => undefined));
  js.virtualGet = await outcome(async () => (await virtual.send(new GetObjectCommand({ Bucket: bucket, Key: `${own}js/virtual.txt` }))).Body.transformToString());

  // Presigned URLs: one that works, one signed five minutes ago for one minute.
  const presignedGet = await getSignedUrl(asAlice, new GetObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` }), { expiresIn: 60 });
  js.presignedGet = await fetched(presignedGet);
  const presignedPut = await getSignedUrl(asAlice, new PutObjectCommand({ Bucket: bucket, Key: `${own}js/presigned.txt` }), { expiresIn: 60 });
  js.presignedPut = await fetched(presignedPut, { method: 'PUT', body: 'via url' });
  const expired = await getSignedUrl(asAlice, new GetObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` }), {
    expiresIn: 60, signingDate: new Date(Date.now() - 5 * 60 * 1000),
  });
  js.presignedExpired = await fetched(expired);

  // A forged secret, a clock fifteen minutes ahead.
  const forged = s3({ ...alice.credentials, secretAccessKey: 'not-the-secret' });
  js.forged = await outcome(() => forged.send(new GetObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` })).then(() => undefined));
  const skewed = s3(alice.credentials, { clockOffset: 15 * 60 * 1000 });
  js.skewed = await outcome(() => skewed.send(new GetObjectCommand({ Bucket: bucket, Key: `${own}js/note.txt` })).then(() => undefined));

  // 20 MB in four parts.
  const big = crypto.randomBytes(20 * 1024 * 1024);
  js.multipart = await outcome(async () => {
    const key = `${own}js/big.bin`;
    const { UploadId } = await asAlice.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const parts = [];
    const size = 5 * 1024 * 1024;
    for (let i = 0; i * size < big.length; i++) {
      const part = await asAlice.send(new UploadPartCommand({
        Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: big.subarray(i * size, (i + 1) * size),
      }));
      parts.push({ ETag: part.ETag, PartNumber: i + 1 });
    }
    const done = await asAlice.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
    const back = await (await asAlice.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToByteArray();
    return { etag: done.ETag, intact: sha256(back) === sha256(big), length: back.length };
  });
  js.delete = await outcome(() => asAlice.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${own}js/virtual.txt` })).then(() => undefined));
  js.getDeleted = await outcome(() => asAlice.send(new GetObjectCommand({ Bucket: bucket, Key: `${own}js/virtual.txt` })).then(() => undefined));

  // Amplify Storage, signed in as Alice.
  const options = { customEndpoint };
  amp.upload = await outcome(async () => (await storage.uploadData({
    path: ({ identityId }) => `private/${identityId}/amplify/note.txt`, data: 'from amplify', options: { ...options, contentType: 'text/plain' },
  }).result).path);
  amp.download = await outcome(async () => (await storage.downloadData({
    path: ({ identityId }) => `private/${identityId}/amplify/note.txt`, options,
  }).result).body.text());
  amp.uploadBig = await outcome(async () => {
    const uploaded = await storage.uploadData({ path: ({ identityId }) => `private/${identityId}/amplify/big.bin`, data: big, options }).result;
    const back = await (await storage.downloadData({ path: uploaded.path, options }).result).body.blob();
    return { intact: sha256(Buffer.from(await back.arrayBuffer())) === sha256(big) };
  });
  amp.list = await outcome(async () => (await storage.list({
    path: ({ identityId }) => `private/${identityId}/amplify/`, options: { ...options, listAll: true },
  })).items.map((item) => item.path).sort());
  amp.downloadBobs = await outcome(() => storage.downloadData({ path: bobKey, options }).result.then(() => undefined));
  amp.listBobs = await outcome(() => storage.list({ path: `private/${bob.identityId}/`, options }).then(() => undefined));
  amp.remove = await outcome(async () => (await storage.remove({ path: ({ identityId }) => `private/${identityId}/amplify/note.txt`, options })).path);
  amp.downloadRemoved = await outcome(() => storage.downloadData({
    path: ({ identityId }) => `private/${identityId}/amplify/note.txt`, options,
  }).result.then(() => undefined));
  await auth.signOut();

  // A guest: reads the public path, cannot write it, cannot read anyone's private files.
  const guest = await auth.fetchAuthSession();
  result.guestIdentityId = guest.identityId;
  const asGuest = s3(guest.credentials);
  js.guestRead = await outcome(async () => (await asGuest.send(new GetObjectCommand({ Bucket: bucket, Key: 'public/js-hello.txt' }))).Body.transformToString());
  js.guestWrite = await outcome(() => asGuest.send(new PutObjectCommand({ Bucket: bucket, Key: 'public/defaced.txt', Body: 'x' })).then(() => undefined));
  js.guestReadPrivate = await outcome(() => asGuest.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey })).then(() => undefined));
  amp.guestDownload = await outcome(async () => (await storage.downloadData({ path: 'public/js-hello.txt', options }).result).body.text());
  amp.guestList = await outcome(async () => (await storage.list({ path: 'public/', options })).items.map((item) => item.path));
  amp.guestUpload = await outcome(() => storage.uploadData({ path: 'public/amplify-defaced.txt', data: 'x', options }).result.then(() => undefined));

  process.stdout.write(JSON.stringify(result) + '\n');
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error.stack || JSON.stringify(error)}\n`);
  process.exit(1);
});
