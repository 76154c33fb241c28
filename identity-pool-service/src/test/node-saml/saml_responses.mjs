// A real SAML 2.0 identity provider (samlify) signing the IdP-initiated Responses an app hands to Cognito Identity as
// the value of a SamlProviderARNs login (what AWS federation calls the "SAML response"): run by
// identity-pool-service's login/SamlLoginsTest.
//
//   node saml_responses.mjs <request.json> <responses.json>
//
// request.json: {"issuer", "keyPem", "certPem", "responses": [spec, ...]} where a spec is
//   {"nameId", "attributes": {"<name>": ["<value>", ...]}, "audience", "recipient", "destination",
//    "notBefore", "notOnOrAfter" (ISO instants), "sign": "assertion" | "response" | "both" | "none",
//    "keyPem"/"certPem" (optional: another signer than the issuer's own key),
//    "encryptToCertPem" (optional: the assertion encrypted to this certificate, an EncryptedAssertion)}
// Writes responses.json: a JSON array with the base64 Response of each spec, in order (samlify logs on the console).
import { readFileSync, writeFileSync } from 'node:fs';
import * as samlify from 'samlify';
import * as validator from '@authenio/samlify-node-xmllint';

samlify.setSchemaValidator(validator);

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

// Cognito's (and AWS sign-in's) federation is IdP-initiated: no InResponseTo. Values are escaped before they go in.
const TEMPLATE = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"'
  + ' ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}">'
  + '<saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
  + '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
  + ' ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}"><saml:Issuer>{Issuer}</saml:Issuer>'
  + '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID>'
  + '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
  + '<saml:SubjectConfirmationData NotOnOrAfter="{NotOnOrAfter}" Recipient="{Recipient}"/></saml:SubjectConfirmation></saml:Subject>'
  + '<saml:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}"><saml:AudienceRestriction>'
  + '<saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>'
  + '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{AssertionID}"><saml:AuthnContext>'
  + '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>'
  + '</saml:AuthnContext></saml:AuthnStatement>{AttributeStatement}</saml:Assertion></samlp:Response>';

const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attributeStatement(attributes) {
  const names = Object.keys(attributes ?? {});
  if (names.length === 0) {
    return '';
  }
  const each = names.map((name) => '<saml:Attribute Name="' + escape(name) + '" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
    + attributes[name].map((value) => '<saml:AttributeValue xsi:type="xs:string">' + escape(value) + '</saml:AttributeValue>').join('')
    + '</saml:Attribute>').join('');
  return '<saml:AttributeStatement>' + each + '</saml:AttributeStatement>';
}

function fill(spec, issuer, ids) {
  const values = {
    ID: ids.response, AssertionID: ids.assertion, IssueInstant: new Date().toISOString(), Destination: spec.destination ?? spec.recipient,
    Issuer: issuer, NameIDFormat: PERSISTENT, NameID: spec.nameId, NotOnOrAfter: spec.notOnOrAfter, NotBefore: spec.notBefore,
    Recipient: spec.recipient, Audience: spec.audience,
  };
  let xml = TEMPLATE;
  for (const [tag, value] of Object.entries(values)) {
    xml = xml.split('{' + tag + '}').join(escape(value));
  }
  return xml.replace('{AttributeStatement}', attributeStatement(spec.attributes));
}

async function response(request, spec) {
  const keyPem = spec.keyPem ?? request.keyPem;
  const certPem = spec.certPem ?? request.certPem;
  const idp = samlify.IdentityProvider({
    entityID: request.issuer, privateKey: keyPem, signingCert: certPem, nameIDFormat: [PERSISTENT],
    requestSignatureAlgorithm: RSA_SHA256, singleSignOnService: [{ Binding: POST, Location: 'https://idp.cognate.test/saml/sso' }],
    isAssertionEncrypted: Boolean(spec.encryptToCertPem),
  });
  const ids = { response: '_' + crypto.randomUUID(), assertion: '_' + crypto.randomUUID() };
  const xml = fill(spec, request.issuer, ids);
  if (spec.sign === 'none') {
    return Buffer.from(xml).toString('base64');
  }
  const sp = samlify.ServiceProvider({
    entityID: spec.audience, assertionConsumerService: [{ Binding: POST, Location: spec.recipient }],
    wantAssertionsSigned: spec.sign === 'assertion' || spec.sign === 'both', wantMessageSigned: spec.sign === 'response' || spec.sign === 'both',
    ...(spec.encryptToCertPem ? { encryptCert: spec.encryptToCertPem } : {}),
  });
  // samlify signs what the SP's metadata asks for (assertion, message or both) with the IdP's key
  const { context } = await idp.createLoginResponse(sp, null, 'post', { email: spec.nameId }, () => ({ id: ids.response, context: xml }));
  return context;
}

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = [];
for (const spec of request.responses) {
  out.push(await response(request, spec));
}
writeFileSync(process.argv[3], JSON.stringify(out));
