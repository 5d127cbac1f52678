// Drives the local stack with Amplify JS v6 as a web or Node app would, configured from the outputs file the stack
// wrote and pointed at it with Amplify's userPoolEndpoint / identityPoolEndpoint options, nothing else:
// sign-up and confirmation (the code read from the stack's outbox folder), SRP sign-in, guest and signed-in
// fetchAuthSession, GraphQL with the userPool and identityPool auth modes, a subscription in each mode that
// receives an event, and sign-out. Prints one JSON summary; exits 1 on the first failure.
//
// Environment: OUTPUTS (amplify_outputs.json), OUTBOX (the state's outbox folder), EMAIL, PASSWORD. Trust of the
// stack's local CA comes from NODE_EXTRA_CA_CERTS, as for any Node program.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// Node 20 has no global WebSocket; Amplify's real-time client uses whichever the platform offers.
globalThis.WebSocket = require('ws');

const { Amplify } = require('aws-amplify');
const { parseAmplifyConfig } = require('aws-amplify/utils');
const auth = require('aws-amplify/auth');
const { generateClient } = require('aws-amplify/api');

const outputs = JSON.parse(fs.readFileSync(process.env.OUTPUTS, 'utf8'));
const config = parseAmplifyConfig(outputs);
const endpoints = outputs.custom.fieldgate.endpoints;
config.Auth.Cognito.userPoolEndpoint = endpoints.cognito_idp;
config.Auth.Cognito.identityPoolEndpoint = endpoints.cognito_identity;
Amplify.configure(config);

const client = generateClient();
const email = process.env.EMAIL;
const password = process.env.PASSWORD;
const LIST = 'query { listPins(limit: 5) { items { id title } } }';
const CREATE = 'mutation C($in: CreatePinInput!) { createPin(input: $in) { id title owner createdAt updatedAt imageUrl } }';
const ON_CREATE = 'subscription { onCreatePin { id title } }';

function within(ms, promise, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

// Resolves with the first event of a subscription, once AppSync has acknowledged it.
function subscribe(authMode) {
  let started;
  let received;
  const ready = new Promise((resolve) => { started = resolve; });
  const event = new Promise((resolve, reject) => { received = { resolve, reject }; });
  const { Hub } = require('aws-amplify/utils');
  const { CONNECTION_STATE_CHANGE, ConnectionState } = require('aws-amplify/api');
  const stop = Hub.listen('api', (data) => {
    if (data.payload.event === CONNECTION_STATE_CHANGE && data.payload.data.connectionState === ConnectionState.Connected) {
      started();
    }
  });
  const subscription = client.graphql({ query: ON_CREATE, authMode }).subscribe({
    next: (message) => received.resolve(message.data.onCreatePin),
    error: (error) => received.reject(new Error(`${authMode} subscription: ${JSON.stringify(error.errors || error.message || error)}`)),
  });
  return { ready, event, close: () => { subscription.unsubscribe(); stop(); } };
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

async function main() {
  const result = {};

  const guest = await auth.fetchAuthSession();
  result.guestIdentityId = guest.identityId;
  result.guestAccessKeyId = guest.credentials.accessKeyId;
  result.guestHasTokens = guest.tokens !== undefined;

  const guestList = await client.graphql({ query: LIST, authMode: 'identityPool' });
  result.guestListed = guestList.data.listPins.items.length >= 0;

  const guestSubscription = subscribe('identityPool');
  await within(15000, guestSubscription.ready, 'identityPool subscription');

  const signUp = await auth.signUp({ username: email, password, options: { userAttributes: { email } } });
  result.signUpStep = signUp.nextStep.signUpStep;
  const confirmed = await auth.confirmSignUp({ username: email, confirmationCode: await outboxCode(email) });
  result.confirmed = confirmed.isSignUpComplete;

  const signIn = await auth.signIn({ username: email, password, options: { authFlowType: 'USER_SRP_AUTH' } });
  result.signedIn = signIn.isSignedIn;

  const session = await auth.fetchAuthSession();
  result.userIdentityId = session.identityId;
  result.userAccessKeyId = session.credentials.accessKeyId;
  result.idTokenUse = session.tokens.idToken.payload.token_use;
  result.sub = session.tokens.idToken.payload.sub;

  const userSubscription = subscribe('userPool');
  await within(15000, userSubscription.ready, 'userPool subscription');

  const created = await client.graphql({
    query: CREATE,
    variables: { in: { title: 'From Amplify', imageUrl: 'https://img.example.com/amplify.jpg' } },
    authMode: 'userPool',
  });
  result.created = created.data.createPin;

  result.userPoolEvent = await within(15000, userSubscription.event, 'userPool subscription event');
  result.identityPoolEvent = await within(15000, guestSubscription.event, 'identityPool subscription event');
  userSubscription.close();
  guestSubscription.close();

  const userList = await client.graphql({ query: LIST, authMode: 'identityPool' });
  result.userListedOwnPin = userList.data.listPins.items.some((pin) => pin.id === result.created.id);

  await auth.signOut();
  const after = await auth.fetchAuthSession();
  result.tokensAfterSignOut = after.tokens !== undefined;

  process.stdout.write(JSON.stringify(result) + '\n');
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error.stack || JSON.stringify(error)}\n`);
  process.exit(1);
});
