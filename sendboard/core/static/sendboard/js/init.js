// In a file, not inline: the Content-Security-Policy allows scripts from this site only.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
