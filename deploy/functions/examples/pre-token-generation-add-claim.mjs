// A PreTokenGeneration trigger (event version V1_0) exactly as it runs on AWS Lambda, written in the callback style
// older functions use: it adds a "tenant" claim, taken from the user's email domain, to the ID token, and keeps
// the phone number out of it. Unchanged on Cognate: node deploy/functions/serve.mjs this-file.mjs.
export const handler = (event, context, callback) => {
  const email = event.request.userAttributes.email ?? '';
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: {
        tenant: email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : 'none',
      },
      claimsToSuppress: ['phone_number'],
    },
  };
  callback(null, event);
};
