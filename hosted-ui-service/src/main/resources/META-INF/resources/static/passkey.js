// The passkey page's one script (the CSP allows no inline code): on the button, navigator.credentials.get with the
// engine's CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptionsJSON: binary members in base64url), then the
// AuthenticationResponseJSON (binary members back in base64url) into the form's credential field, and the form is posted.
(function () {
  'use strict';

  function toBuffer(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  var form = document.getElementById('passkey-form');
  if (!form) {
    return;
  }
  var error = document.getElementById('form-error');

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    if (form.elements.credential.value) {
      return;
    }
    event.preventDefault();
    if (!window.PublicKeyCredential || !navigator.credentials) {
      showError(form.dataset.unsupported);
      return;
    }
    var options = JSON.parse(form.dataset.options);
    var publicKey = Object.assign({}, options, {
      challenge: toBuffer(options.challenge),
      allowCredentials: (options.allowCredentials || []).map(function (descriptor) {
        return Object.assign({}, descriptor, { id: toBuffer(descriptor.id) });
      })
    });
    navigator.credentials.get({ publicKey: publicKey }).then(function (credential) {
      var response = credential.response;
      var json = {
        id: credential.id,
        rawId: toBase64url(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        clientExtensionResults: credential.getClientExtensionResults(),
        response: {
          clientDataJSON: toBase64url(response.clientDataJSON),
          authenticatorData: toBase64url(response.authenticatorData),
          signature: toBase64url(response.signature),
          userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined
        }
      };
      form.elements.credential.value = JSON.stringify(json);
      form.submit();
    }, function () {
      // cancelled, timed out, or no passkey of this site on the device
      showError(form.dataset.cancelled);
    });
  });
})();
