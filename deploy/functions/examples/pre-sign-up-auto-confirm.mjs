// A PreSignUp trigger exactly as it runs on AWS Lambda (Node.js runtime): users whose email is in one of the
// company's domains are confirmed at once and their email marked verified; everyone else signs up as usual and
// confirms with the code Cognito mails. Unchanged on Cognate: node deploy/functions/serve.mjs this-file.mjs.
//
// AUTO_CONFIRM_DOMAINS: comma-separated domains (a Lambda environment variable; default example.com).
const domains = (process.env.AUTO_CONFIRM_DOMAINS ?? 'example.com')
  .split(',').map((domain) => domain.trim().toLowerCase()).filter(Boolean);

export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (email.includes('@') && domains.includes(domain)) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  if (domain.endsWith('.invalid')) {
    // Refusing a sign-up: Cognito answers UserLambdaValidationException "PreSignUp failed with error <message>."
    throw new Error(`sign-ups from ${domain} are not accepted`);
  }
  return event;
};
