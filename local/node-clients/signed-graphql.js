'use strict';
// Calls the local AppSync endpoint the way JavaScript apps sign IAM requests: credentials from the identity pool
// (@aws-sdk/client-cognito-identity), a SigV4 signature for service "appsync" made by @smithy/signature-v4 with
// @aws-crypto/sha256-js, sent with fetch. Then sends the same signed headers with another body. Prints what the
// endpoint answered as JSON.
// Environment: ENDPOINT, GRAPHQL_URL, REGION, IDENTITY_POOL_ID, USER_POOL_ID, ID_TOKEN (optional: sign in the
// identity pool with this user-pool ID token; without it the caller is a guest), QUERY, TAMPERED_QUERY.
const { SignatureV4 } = require('@smithy/signature-v4');
const { Sha256 } = require('@aws-crypto/sha256-js');
const {
  CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand,
} = require('@aws-sdk/client-cognito-identity');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};

const region = env('REGION');
const graphqlUrl = new URL(env('GRAPHQL_URL'));

async function identityPoolCredentials() {
  const idToken = process.env.ID_TOKEN;
  const Logins = idToken
    ? { [`cognito-idp.${region}.amazonaws.com/${env('USER_POOL_ID')}`]: idToken }
    : undefined;
  const identity = new CognitoIdentityClient({ region, endpoint: env('ENDPOINT') });
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: env('IDENTITY_POOL_ID'), Logins }));
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return {
    identityId: IdentityId,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken,
    },
  };
}

async function sign(credentials, body) {
  const signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Sha256 });
  return signer.sign({
    method: 'POST',
    protocol: graphqlUrl.protocol,
    hostname: graphqlUrl.hostname,
    port: Number(graphqlUrl.port),
    path: graphqlUrl.pathname,
    query: {},
    headers: { host: graphqlUrl.host, 'content-type': 'application/json' },
    body,
  });
}

async function send(headers, body) {
  const sent = { ...headers };
  delete sent.host; // fetch sets Host itself, to the value that was signed
  const response = await fetch(graphqlUrl, { method: 'POST', headers: sent, body });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    json = text;
  }
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: json };
}

async function main() {
  const { identityId, credentials } = await identityPoolCredentials();
  const body = JSON.stringify({ query: env('QUERY'), variables: {} });
  const signed = await sign(credentials, body);
  const accepted = await send(signed.headers, body);
  const tampered = await send(signed.headers, JSON.stringify({ query: env('TAMPERED_QUERY'), variables: {} }));
  process.stdout.write(JSON.stringify({
    identityId,
    accessKeyId: credentials.accessKeyId,
    authorization: signed.headers.authorization,
    signedHeaders: Object.keys(signed.headers).sort(),
    accepted,
    tampered,
  }));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
