// Compiles GOV.UK Frontend with the local-authority brand and copies its script and images,
// with alphagov's accessible-autocomplete for the people picker (served from this site: CSP).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "sendboard", "core", "static", "sendboard", "build");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "sendboard", "core", "scss", "sendboard.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
const autocompleteCss = readFileSync(join(autocomplete, "accessible-autocomplete.min.css"), "utf8");
// One stylesheet: the autocomplete's rules travel with the GOV.UK ones, no second <link>.
writeFileSync(join(out, "sendboard.css"), `${css.css}\n${autocompleteCss.replace(/\/\*# sourceMappingURL=.*\*\//, "")}`);
cpSync(join(autocomplete, "accessible-autocomplete.min.js"), join(out, "accessible-autocomplete.min.js"));
cpSync(join(source, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(source, "assets", "images"), join(out, "images"), { recursive: true });
console.log(`GOV.UK Frontend built into ${out}`);
