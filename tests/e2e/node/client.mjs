// A front-end's view: graphql-request runs a public query and, with a token, a learner query.
// Usage: node client.mjs URL TOKEN ; prints both answers as JSON.
import { GraphQLClient, gql } from 'graphql-request';

const [url, token] = process.argv.slice(2);
const publicClient = new GraphQLClient(url);
const catalogue = await publicClient.request(gql`
  query Catalogue($first: Int!) {
    catalogue(first: $first, filter: { endorsedBy: "emp-lakeside" }) { hits { node { id name } } }
  }
`, { first: 3 });
const learnerClient = new GraphQLClient(url, { headers: { authorization: `Bearer ${token}` } });
const credit = await learnerClient.request(gql`
  query Credit {
    transferCredit(learnerId: "learner-ben", institutionId: "inst-lsu", asOf: "2026-06-01") {
      totalCredits creditUnit awards { receivingId credits }
    }
  }
`);
console.log(JSON.stringify({ catalogue, credit }));
