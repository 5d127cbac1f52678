'use strict';
// Drives the local Cognito with AWS's own JavaScript clients and prints what they saw as JSON.
// Environment: ENDPOINT, REGION, USER_POOL_ID, CLIENT_ID, IDENTITY_POOL_ID, OUTBOX_DIR, EMAIL, PASSWORD.
const fs = require('fs');
const path = require('path');
const {
  CognitoUserPool, CognitoUser, CognitoUserAttribute, AuthenticationDetails,
} = require('amazon-cognito-identity-js');
const {
  CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand, GetOpenIdTokenCommand,
} = require('@aws-sdk/client-cognito-identity');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};

const endpoint = env('ENDPOINT');
const region = env('REGION');
const email = env('EMAIL');
const password = env('PASSWORD');
const pool = new CognitoUserPool({ UserPoolId: env('USER_POOL_ID'), ClientId: env('CLIENT_ID'), endpoint: `${endpoint}/` });
const provider = `cognito-idp.${region}.amazonaws.com/${env('USER_POOL_ID')}`;

const promise = (fn) => new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result))));

function latestCode(destination) {
  // The local outbox: one JSON document per message, names sort in sending order.
  const dir = env('OUTBOX_DIR');
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort().reverse();
  for (const name of names) {
    const message = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (message.destination === destination && message.kind === 'SIGN_UP_CODE') return message.code;
  }
  throw new Error(`no sign-up code for ${destination} in ${dir}`);
}

function authenticate(user, pwd) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: pwd }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
    });
  });
}

async function main() {
  const out = {};
  const signUp = await promise((cb) => pool.signUp(email, password,
    [new CognitoUserAttribute({ Name: 'email', Value: email })], null, cb));
  out.signUp = { userConfirmed: signUp.userConfirmed, userSub: signUp.userSub,
    destination: signUp.codeDeliveryDetails && signUp.codeDeliveryDetails.Destination };

  const user = new CognitoUser({ Username: email, Pool: pool });
  out.confirm = await promise((cb) => user.confirmRegistration(latestCode(email), true, cb));

  try {
    await authenticate(new CognitoUser({ Username: email, Pool: pool }), `${password}-wrong`);
    out.wrongPassword = { code: 'none' };
  } catch (err) {
    out.wrongPassword = { code: err.code, name: err.name, message: err.message };
  }

  // authenticateUser uses USER_SRP_AUTH: the library's own SRP against the local pool.
  const session = await authenticate(user, password);
  const idPayload = session.getIdToken().decodePayload();
  out.srp = {
    valid: session.isValid(),
    username: user.getUsername(),
    email: idPayload.email,
    sub: idPayload.sub,
    tokenUse: idPayload.token_use,
    accessToken: session.getAccessToken().getJwtToken(),
  };

  const refreshed = await promise((cb) => user.refreshSession(session.getRefreshToken(), cb));
  out.refresh = {
    valid: refreshed.isValid(),
    newAccessToken: refreshed.getAccessToken().getJwtToken() !== session.getAccessToken().getJwtToken(),
    sameOrigin: refreshed.getAccessToken().decodePayload().origin_jti
      === session.getAccessToken().decodePayload().origin_jti,
  };

  const attributes = await promise((cb) => user.getUserAttributes(cb));
  out.attributes = Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]));

  const identity = new CognitoIdentityClient({ region, endpoint });
  const logins = { [provider]: session.getIdToken().getJwtToken() };
  const signedIn = await identity.send(new GetIdCommand({ IdentityPoolId: env('IDENTITY_POOL_ID'), Logins: logins }));
  const credentials = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: signedIn.IdentityId,
    Logins: logins }));
  const openId = await identity.send(new GetOpenIdTokenCommand({ IdentityId: signedIn.IdentityId, Logins: logins }));
  out.identity = {
    identityId: signedIn.IdentityId,
    accessKeyId: credentials.Credentials.AccessKeyId,
    secretKey: credentials.Credentials.SecretKey,
    sessionToken: credentials.Credentials.SessionToken,
    expiration: credentials.Credentials.Expiration.toISOString(),
    openIdToken: openId.Token,
  };

  const guest = await identity.send(new GetIdCommand({ IdentityPoolId: env('IDENTITY_POOL_ID') }));
  const guestCredentials = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId }));
  out.guest = { identityId: guest.IdentityId, accessKeyId: guestCredentials.Credentials.AccessKeyId };

  try {
    await identity.send(new GetIdCommand({ IdentityPoolId: env('IDENTITY_POOL_ID'),
      Logins: { [provider]: session.getAccessToken().getJwtToken() } }));
    out.accessTokenAsLogin = { name: 'none' };
  } catch (err) {
    out.accessTokenAsLogin = { name: err.name, message: err.message, status: err.$metadata && err.$metadata.httpStatusCode };
  }

  const signedOut = await promise((cb) => user.globalSignOut({ onSuccess: (r) => cb(null, r), onFailure: cb }));
  out.globalSignOut = signedOut;
  return out;
}

main().then((out) => {
  process.stdout.write(`${JSON.stringify(out)}\n`);
}).catch((err) => {
  process.stderr.write(`${err && (err.stack || err.message || JSON.stringify(err))}\n`);
  process.exit(1);
});
