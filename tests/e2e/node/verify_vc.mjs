// An independent verifier for tests/e2e/test_independent_verifier.py: Digital Bazaar's
// @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite verifies a credential credgraph issued.
// Usage: node verify_vc.mjs INPUT.json, INPUT = {credential, documents: {url: document}}: the
// DID document, the status list and the contexts Digital Bazaar does not ship (served locally:
// nothing is fetched). Prints {"verified": bool, "error": string|null} and exits 0.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';

const {credential, documents} = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function local(url) {
  if(url === multikeyContext.CONTEXT_URL) {
    return multikeyContext.contexts.get(url);
  }
  if(url in documents) {
    return documents[url];
  }
  const [base, fragment] = url.split('#');
  if(fragment !== undefined && base in documents) {
    // a verification method: the DID document's entry of that id, with its contexts
    const did = documents[base];
    const method = (did.verificationMethod || []).find(m => m.id === url);
    if(method) {
      return {'@context': did['@context'], ...method};
    }
  }
  return null;
}

async function documentLoader(url) {
  const document = local(url);
  if(document !== null) {
    return {contextUrl: null, documentUrl: url, document};
  }
  return vc.defaultDocumentLoader(url); // the VC contexts it ships; anything else throws
}

async function checkStatus({credential}) {
  // Bitstring Status List: the list credential must verify too (same issuer)
  const entry = credential.credentialStatus;
  const list = documents[entry.statusListCredential];
  if(!list) {
    return {verified: false, error: 'status list not supplied'};
  }
  const listResult = await vc.verifyCredential({
    credential: list, suite, documentLoader
  });
  if(!listResult.verified) {
    const why = listResult.error?.errors?.[0]?.message ?? listResult.error?.message;
    return {verified: false, error: `status list does not verify: ${why}`};
  }
  const encoded = list.credentialSubject.encodedList.slice(1); // multibase 'u'
  const bits = gunzipSync(Buffer.from(encoded, 'base64url'));
  const index = Number(entry.statusListIndex);
  const set = (bits[index >> 3] & (0x80 >> (index % 8))) !== 0;
  return set ? {verified: false, error: `revoked: bit ${index} is set`} : {verified: true};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
let answer;
try {
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  const error = result.error
    ? String(result.error.errors?.[0]?.message ?? result.error.message ?? result.error)
    : (result.statusResult?.error ?? null);
  answer = {verified: result.verified, error: result.verified ? null : error};
} catch(e) {
  answer = {verified: false, error: String(e.message || e)};
}
console.log(JSON.stringify(answer));
