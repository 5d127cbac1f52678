// Amplify's AppSync simulator serving listPins the way the local stack's pins sample does (user-pool auth, ten pins
// from a Lambda data source), for `fieldgate bench peers`. Usage: node appsync-simulator.js PORT WS_PORT
'use strict';
const { AmplifyAppSyncSimulator } = require('amplify-appsync-simulator');

const [port, wsPort] = process.argv.slice(2).map(Number);
const schema = `
type Pin {
  id: ID!
  title: String!
  description: String
  imageUrl: AWSURL!
  owner: ID!
  createdAt: AWSDateTime!
}
type PinConnection {
  items: [Pin!]!
  nextToken: String
}
type Query {
  listPins(limit: Int, nextToken: String): PinConnection!
}
schema { query: Query }
`;
const pins = Array.from({ length: 10 }, (_, i) => ({
  id: `pin-${i}`,
  title: `Pin ${i}`,
  description: 'A pin for the benchmark',
  imageUrl: 'https://example.com/pin.png',
  owner: 'bench-user',
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
}));

const simulator = new AmplifyAppSyncSimulator({ port, wsPort });
simulator.init({
  appSync: {
    name: 'pins',
    defaultAuthenticationType: { authenticationType: 'AMAZON_COGNITO_USER_POOLS', cognitoUserPoolConfig: {} },
    additionalAuthenticationProviders: [],
  },
  schema: { content: schema },
  dataSources: [
    {
      name: 'resolvers',
      type: 'AWS_LAMBDA',
      invoke: async (event) => ({ items: pins.slice(0, event.arguments.limit || 10), nextToken: null }),
    },
  ],
  resolvers: [
    {
      kind: 'UNIT',
      typeName: 'Query',
      fieldName: 'listPins',
      dataSourceName: 'resolvers',
      requestMappingTemplate:
        '{"version": "2018-05-29", "operation": "Invoke", "payload": {"arguments": $util.toJson($context.arguments)}}',
      responseMappingTemplate: '$util.toJson($context.result)',
    },
  ],
});
simulator.start().then(() => console.log(`ready ${simulator.url}`));
process.on('SIGTERM', () => {
  simulator.stop();
  process.exit(0);
});
