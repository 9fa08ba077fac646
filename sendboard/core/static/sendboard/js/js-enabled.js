// Runs before the page is drawn, so GOV.UK components styled for JavaScript do not flicker.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
