// The passkey pages' one script (the CSP allows no inline code). On the sign-in page (#passkey-form):
// navigator.credentials.get with the engine's CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptionsJSON), the
// AuthenticationResponseJSON into the form's credential field. On /passkeys/add (#passkey-add-form):
// navigator.credentials.create with the PublicKeyCredentialCreationOptionsJSON, the RegistrationResponseJSON into the
// field. Binary members travel in base64url both ways; the form is then posted.
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

  function withIds(descriptors) {
    return (descriptors || []).map(function (descriptor) {
      return Object.assign({}, descriptor, { id: toBuffer(descriptor.id) });
    });
  }

  function signIn(options) {
    var publicKey = Object.assign({}, options, {
      challenge: toBuffer(options.challenge),
      allowCredentials: withIds(options.allowCredentials)
    });
    return navigator.credentials.get({ publicKey: publicKey }).then(function (credential) {
      var response = credential.response;
      return {
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
    });
  }

  function register(options) {
    var publicKey = Object.assign({}, options, {
      challenge: toBuffer(options.challenge),
      user: Object.assign({}, options.user, { id: toBuffer(options.user.id) }),
      excludeCredentials: withIds(options.excludeCredentials)
    });
    return navigator.credentials.create({ publicKey: publicKey }).then(function (credential) {
      var response = credential.response;
      return {
        id: credential.id,
        rawId: toBase64url(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        clientExtensionResults: credential.getClientExtensionResults(),
        response: {
          clientDataJSON: toBase64url(response.clientDataJSON),
          attestationObject: toBase64url(response.attestationObject),
          transports: response.getTransports ? response.getTransports() : undefined
        }
      };
    });
  }

  function wire(form, ceremony) {
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
      ceremony(JSON.parse(form.dataset.options)).then(function (json) {
        form.elements.credential.value = JSON.stringify(json);
        form.submit();
      }, function () {
        // cancelled, timed out, no passkey of this site on the device, or one already registered (excludeCredentials)
        showError(form.dataset.cancelled);
      });
    });
  }

  var signInForm = document.getElementById('passkey-form');
  if (signInForm) {
    wire(signInForm, signIn);
  }
  var addForm = document.getElementById('passkey-add-form');
  if (addForm) {
    wire(addForm, register);
  }
})();
