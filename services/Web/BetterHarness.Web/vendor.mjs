// Copies the pinned npm packages' distributable files (and their licences) into wwwroot/lib.
// Run after changing package.json: `npm install && npm run vendor`, then commit wwwroot/lib and package-lock.json.
import { copyFileSync, mkdirSync } from "node:fs";

const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "wwwroot/lib/htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "wwwroot/lib/htmx.LICENSE.txt"],
  ["node_modules/uplot/dist/uPlot.iife.min.js", "wwwroot/lib/uPlot.iife.min.js"],
  ["node_modules/uplot/dist/uPlot.min.css", "wwwroot/lib/uPlot.min.css"],
  ["node_modules/uplot/LICENSE", "wwwroot/lib/uPlot.LICENSE.txt"],
];
mkdirSync("wwwroot/lib", { recursive: true });
for (const [from, to] of files) {
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
