// A real SAML 2.0 identity provider (samlify) for the SAML engine's tests (federation/saml/SamlIdp.java runs it).
//
//   node saml_idp.js <dir>      <dir> holds idp-key.pem, idp-cert.pem (the IdP's signing pair, in its metadata) and
//                               rogue-key.pem, rogue-cert.pem (a pair the pool does not trust)
//
// Prints {"port": n} on its first stdout line, then serves on 127.0.0.1:
//   GET  /metadata            the IdP's metadata (HTTP-Redirect SSO and SLO)
//   POST /sp                  body: the pool's SP metadata (GET /{poolId}/saml2/metadata), the SP this IdP answers
//   GET  /sso?SAMLRequest=…   an AuthnRequest by the redirect binding, parsed and (with x-scenario {"wantSigned":true})
//                             its signature verified by samlify against the SP metadata's signing certificate; answers
//                             {"SAMLResponse", "RelayState", "requestId"} (what the browser would POST to the ACS)
//   POST /unsolicited         an IdP-initiated response (no InResponseTo); body: the scenario
//   GET  /slo?SAMLRequest=…   a LogoutRequest, its signature verified; answers {"location"} (the signed LogoutResponse by
//                             the redirect binding to the SP's SingleLogoutService), "nameId" and "sessionIndex" it named
//   GET  /idp-logout?nameId=… an IdP-initiated sign-out: {"location"}, the signed LogoutRequest to the SP's SingleLogoutService
//   GET  /slo?SAMLResponse=…  the SP's LogoutResponse to it, its signature verified: {"response": {"inResponseTo", …}, "issuer", "relayState"}
// The x-scenario header (JSON) shapes the response, so tests can make bad ones with a real signer:
//   nameId, attributes {name: [values]}, encrypt (to the SP metadata's encryption certificate), sign ("assertion" |
//   "response" | "both" | "none"), signer ("idp" | "rogue"), audience, recipient, destination, inResponseTo,
//   notOnOrAfterSeconds (from now; negative: expired), wrap ("sibling" | "advice": XML signature wrapping attacks that
//   put a forged, unsigned assertion for wrappedNameId beside or around the signed one).
'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const saml = require('samlify');
const validator = require('@authenio/samlify-node-xmllint');

saml.setSchemaValidator(validator);

const dir = process.argv[2];
const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
const keys = {
  idp: { key: read('idp-key.pem'), cert: read('idp-cert.pem') },
  rogue: { key: read('rogue-key.pem'), cert: read('rogue-cert.pem') },
};
// samlify's signer takes the certificate as its base64 body (as metadata carries it), the key as PEM.
const body64 = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
let base = '';
let spMetadata = null;

function idp(options = {}) {
  return saml.IdentityProvider({
    entityID: base + '/metadata',
    signingCert: keys.idp.cert,
    privateKey: keys.idp.key,
    requestSignatureAlgorithm: RSA_SHA256,
    wantAuthnRequestsSigned: !!options.wantSigned,
    wantLogoutRequestSigned: true,
    wantLogoutResponseSigned: true,
    isAssertionEncrypted: !!options.encrypt,
    dataEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: base + '/sso' }],
    singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: base + '/slo' }],
  });
}

function sp() {
  if (!spMetadata) throw new Error('no SP registered (POST /sp)');
  return saml.ServiceProvider({ metadata: spMetadata, wantLogoutResponseSigned: true, wantLogoutRequestSigned: true });
}

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const newId = () => '_' + crypto.randomBytes(16).toString('hex');

function attributeStatement(attributes) {
  const names = Object.keys(attributes || {});
  if (names.length === 0) return '';
  return '<saml:AttributeStatement>' + names.map((name) => '<saml:Attribute Name="' + escape(name)
      + '" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">'
      + [].concat(attributes[name]).map((value) => '<saml:AttributeValue xsi:type="xs:string">' + escape(value) + '</saml:AttributeValue>').join('')
      + '</saml:Attribute>').join('') + '</saml:AttributeStatement>';
}

function sign(xml, signer, what) {
  const assertion = what === 'assertion';
  return saml.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    privateKey: keys[signer].key,
    signingCert: body64(keys[signer].cert),
    signatureAlgorithm: RSA_SHA256,
    isBase64Output: false,
    isMessageSigned: !assertion,
    referenceTagXPath: assertion ? "/*[local-name(.)='Response']/*[local-name(.)='Assertion']" : undefined,
    signatureConfig: {
      prefix: 'ds',
      location: {
        reference: assertion ? "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']"
          : "/*[local-name(.)='Response']/*[local-name(.)='Issuer']",
        action: 'after',
      },
    },
  });
}

// The wrapping attacks: the signed assertion stays (so a naive signature check passes), a forged one is what a naive
// reader would take.
function wrap(xml, how, nameId) {
  const signed = xml.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)[0];
  const forged = signed.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')
    .replace(/ ID="[^"]+"/, ' ID="' + newId() + '"')
    .replace(/(<saml:NameID[^>]*>)[^<]*(<\/saml:NameID>)/, '$1' + escape(nameId) + '$2');
  if (how === 'sibling') return xml.replace(signed, forged + signed);
  // "advice": the signed assertion hidden inside the forged one's Advice, so only one assertion is a Response child.
  return xml.replace(signed, forged.replace('<saml:Subject>', '<saml:Advice>' + signed + '</saml:Advice><saml:Subject>'));
}

async function response(scenario, spEntity, requestId) {
  const now = new Date();
  const expiry = new Date(now.getTime() + 1000 * (scenario.notOnOrAfterSeconds ?? 300)).toISOString();
  const notBefore = new Date(Math.min(now.getTime(), Date.parse(expiry) - 1000)).toISOString();
  const acs = spEntity.entityMeta.getAssertionConsumerService('post');
  const audience = spEntity.entityMeta.getEntityID();
  const inResponseTo = scenario.inResponseTo ?? requestId;
  const identityProvider = idp(scenario);
  const values = {
    ID: newId(),
    AssertionID: newId(),
    Destination: scenario.destination ?? acs,
    Audience: scenario.audience ?? audience,
    SubjectRecipient: scenario.recipient ?? acs,
    Issuer: base + '/metadata',
    IssueInstant: now.toISOString(),
    StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
    ConditionsNotBefore: notBefore,
    ConditionsNotOnOrAfter: expiry,
    SubjectConfirmationDataNotOnOrAfter: expiry,
    NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    NameID: scenario.nameId ?? 'alice',
    InResponseTo: inResponseTo ?? '',
    // replaceTagsByValue escapes what it puts in: the two statements (markup) go in after it.
    AuthnStatement: '@@AUTHN@@',
    AttributeStatement: '@@ATTRIBUTES@@',
  };
  const authnStatement = '<saml:AuthnStatement AuthnInstant="' + now.toISOString() + '" SessionIndex="' + escape(scenario.sessionIndex ?? newId())
    + '"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport'
    + '</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>';
  let xml = saml.SamlLib.replaceTagsByValue(saml.SamlLib.defaultLoginResponseTemplate.context, values)
    .replace('@@AUTHN@@', authnStatement).replace('@@ATTRIBUTES@@', attributeStatement(scenario.attributes));
  if (!inResponseTo) xml = xml.replace(/ InResponseTo=""/g, '');
  const signer = scenario.signer ?? 'idp';
  const placement = scenario.sign ?? 'assertion';
  if (placement === 'assertion' || placement === 'both') xml = sign(xml, signer, 'assertion');
  if (scenario.wrap) xml = wrap(xml, scenario.wrap, scenario.wrappedNameId ?? 'admin');
  if (scenario.encrypt) xml = Buffer.from(await saml.SamlLib.encryptAssertion(identityProvider, spEntity, xml), 'base64').toString('utf8');
  if (placement === 'response' || placement === 'both') xml = sign(xml, signer, 'response');
  return { SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'), requestId: requestId ?? null };
}

// The query as sent: decoded values for samlify, and the raw octets the redirect binding's signature covers.
function redirectRequest(url, parameter) {
  const raw = url.split('?')[1] || '';
  const query = {};
  for (const pair of raw.split('&')) {
    const [name, value = ''] = pair.split('=');
    query[decodeURIComponent(name)] = decodeURIComponent(value.replace(/\+/g, '%20'));
  }
  const part = (name) => raw.split('&').find((pair) => pair.startsWith(name + '='));
  const octetString = [part(parameter), part('RelayState'), part('SigAlg')].filter(Boolean).join('&');
  return { query, octetString };
}

function body(request) {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk) => { text += chunk; });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function answer(res, status, value, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(type === 'application/json' ? JSON.stringify(value) : value);
}

const server = http.createServer(async (req, res) => {
  try {
    const scenario = req.headers['x-scenario'] ? JSON.parse(req.headers['x-scenario']) : {};
    const route = req.url.split('?')[0];
    if (req.method === 'GET' && route === '/metadata') {
      return answer(res, 200, idp().getMetadata(), 'application/samlmetadata+xml');
    }
    if (req.method === 'POST' && route === '/sp') {
      spMetadata = await body(req);
      return answer(res, 200, { entityId: sp().entityMeta.getEntityID() });
    }
    if (req.method === 'GET' && route === '/sso') {
      const spEntity = sp();
      const parsed = await idp(scenario).parseLoginRequest(spEntity, 'redirect', redirectRequest(req.url, 'SAMLRequest'));
      const made = await response(scenario, spEntity, parsed.extract.request.id);
      return answer(res, 200, { ...made, RelayState: redirectRequest(req.url, 'SAMLRequest').query.RelayState ?? null,
        acs: parsed.extract.request.assertionConsumerServiceUrl ?? null });
    }
    if (req.method === 'POST' && route === '/unsolicited') {
      const made = await response(JSON.parse((await body(req)) || '{}'), sp(), null);
      return answer(res, 200, made);
    }
    if (req.method === 'GET' && route === '/idp-logout') {
      const params = new URL(req.url, base).searchParams;
      const made = idp().createLogoutRequest(sp(), 'redirect', { logoutNameID: params.get('nameId'), sessionIndex: params.get('sessionIndex') },
        params.get('relayState') ?? '');
      return answer(res, 200, { location: made.context, requestId: made.id });
    }
    if (req.method === 'GET' && route === '/slo' && /[?&]SAMLResponse=/.test(req.url)) {
      // the pool's answer to /idp-logout, its signature verified
      const parsed = await idp().parseLogoutResponse(sp(), 'redirect', redirectRequest(req.url, 'SAMLResponse'));
      return answer(res, 200, { response: parsed.extract.response ?? null, issuer: parsed.extract.issuer ?? null,
        relayState: redirectRequest(req.url, 'SAMLResponse').query.RelayState ?? null });
    }
    if (req.method === 'GET' && route === '/slo') {
      const spEntity = sp();
      const identityProvider = idp(scenario);
      const request = redirectRequest(req.url, 'SAMLRequest');
      const parsed = await identityProvider.parseLogoutRequest(spEntity, 'redirect', request);
      const made = identityProvider.createLogoutResponse(spEntity, parsed, 'redirect', request.query.RelayState ?? '');
      return answer(res, 200, { location: made.context, nameId: parsed.extract.nameID ?? null,
        sessionIndex: parsed.extract.sessionIndex ?? null });
    }
    return answer(res, 404, { error: 'not found' });
  } catch (error) {
    return answer(res, 400, { error: String(error && error.message || error) });
  }
});

server.listen(0, '127.0.0.1', () => {
  base = 'http://127.0.0.1:' + server.address().port;
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
