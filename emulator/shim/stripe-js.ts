// `/js/stripe.js`: a browser stand-in for Stripe.js. It defines `window.Stripe` with what
// @stripe/react-stripe-js checks for (elements, createToken, createPaymentMethod,
// confirmCardPayment) and embedded Checkout, which mounts the emulator's checkout frame.

import type { Emulator } from "../context";

/** The browser code, kept as plain ES2017 so it runs unchanged in any browser. */
const SHIM = String.raw`(function () {
  "use strict";
  if (window.Stripe && window.Stripe.__emulator) return;
  var BASE = __BASE__;
  var PUBLISHABLE_KEY = __PK__;

  function unsupported(name) {
    return function () {
      return Promise.resolve({ error: { type: "invalid_request_error", message: name + " is not supported by the Stripe emulator; use Checkout." } });
    };
  }

  function elementStub(type) {
    var handlers = {};
    return {
      type: type,
      mount: function () {},
      unmount: function () {},
      destroy: function () {},
      update: function () {},
      focus: function () {},
      blur: function () {},
      clear: function () {},
      on: function (event, fn) { (handlers[event] = handlers[event] || []).push(fn); return this; },
      off: function () { return this; },
      once: function (event, fn) { return this.on(event, fn); }
    };
  }

  function sessionIdFrom(secret) {
    var i = secret.indexOf("_secret_");
    return i === -1 ? secret : secret.slice(0, i);
  }

  function createEmbeddedCheckoutPage(options) {
    options = options || {};
    var getSecret = options.fetchClientSecret
      ? Promise.resolve().then(function () { return options.fetchClientSecret(); })
      : Promise.resolve(options.clientSecret);
    return getSecret.then(function (secret) {
      if (typeof secret !== "string" || !secret) throw new Error("Stripe emulator: fetchClientSecret did not return a client secret.");
      var src = BASE + "/c/embedded/" + encodeURIComponent(sessionIdFrom(secret)) + "?client_secret=" + encodeURIComponent(secret);
      var iframe = null;
      var destroyed = false;
      function onMessage(event) {
        if (event.origin !== BASE || !event.data || event.data.type !== "stripe-emulator:checkout-complete") return;
        if (iframe && event.source !== iframe.contentWindow) return;
        if (typeof options.onComplete === "function") options.onComplete();
        if (event.data.returnUrl) window.location.assign(event.data.returnUrl);
      }
      window.addEventListener("message", onMessage);
      return {
        mount: function (target) {
          if (destroyed) throw new Error("This Embedded Checkout instance has been destroyed.");
          var el = typeof target === "string" ? document.querySelector(target) : target;
          if (!el) throw new Error("Stripe emulator: mount target not found.");
          iframe = document.createElement("iframe");
          iframe.src = src;
          iframe.title = "Secure checkout";
          iframe.setAttribute("allow", "payment");
          iframe.style.cssText = "width:100%;min-height:1000px;border:0;display:block;background:transparent";
          el.appendChild(iframe);
        },
        unmount: function () {
          if (iframe && iframe.parentNode) iframe.parentNode.removeChild(iframe);
          iframe = null;
        },
        destroy: function () {
          this.unmount();
          destroyed = true;
          window.removeEventListener("message", onMessage);
        }
      };
    });
  }

  function Stripe(publishableKey, opts) {
    if (typeof publishableKey !== "string" || publishableKey.indexOf("pk_") !== 0) {
      throw new Error("Invalid publishable key: " + publishableKey);
    }
    var stripeAccount = opts && opts.stripeAccount;
    return {
      _emulator: { publishableKey: publishableKey, stripeAccount: stripeAccount, expectedKey: PUBLISHABLE_KEY },
      elements: function () {
        return {
          create: function (type) { return elementStub(type); },
          getElement: function () { return null; },
          update: function () {},
          submit: function () { return Promise.resolve({}); },
          fetchUpdates: function () { return Promise.resolve({}); }
        };
      },
      createToken: unsupported("createToken"),
      createPaymentMethod: unsupported("createPaymentMethod"),
      confirmCardPayment: unsupported("confirmCardPayment"),
      confirmPayment: unsupported("confirmPayment"),
      retrievePaymentIntent: unsupported("retrievePaymentIntent"),
      createEmbeddedCheckoutPage: createEmbeddedCheckoutPage,
      initEmbeddedCheckout: createEmbeddedCheckoutPage,
      registerAppInfo: function () {},
      _registerWrapper: function () {}
    };
  }
  Stripe.version = "endive";
  Stripe.__emulator = true;
  window.Stripe = Stripe;
})();
`;

export function stripeJsShim(emu: Emulator): string {
  return SHIM.replace("__BASE__", JSON.stringify(emu.baseUrl)).replace(
    "__PK__",
    JSON.stringify(emu.config.publishableKey),
  );
}
