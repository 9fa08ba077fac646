// Compiles GOV.UK Frontend with the local-authority brand and copies its script and images.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
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
writeFileSync(join(out, "sendboard.css"), css.css);
cpSync(join(source, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(source, "assets", "images"), join(out, "images"), { recursive: true });
console.log(`GOV.UK Frontend built into ${out}`);
