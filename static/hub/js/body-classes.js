// Runs first in <body>, before anything is painted: tells NHS.UK frontend's CSS that
// JavaScript is on and whether the browser supports its ES modules.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
