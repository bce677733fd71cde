// `cargo xtask dist --public-url /sub/path/` makes a bundle that works when
// a static host serves it under that path.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, openPlayground, serveStatic } from "./harness.mjs";

const subpathDist = process.env.EVPAT_SUBPATH_DIST;
const subpath = process.env.EVPAT_SUBPATH;

let server;
let browser;

before(async () => {
  assert.ok(subpathDist && subpath, "cargo xtask test sets EVPAT_SUBPATH_DIST and EVPAT_SUBPATH");
  server = await serveStatic(subpathDist, subpath);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("a sub-path build loads and matches when served under its sub-path", async () => {
  assert.match(server.url, /\/tools\/evpat\/$/);
  const { context, page, problems } = await openPlayground(browser, server.url);
  const verdict = page.getByRole("region", { name: "Result" }).getByRole("status");
  await verdict.getByText("Match", { exact: true }).waitFor();
  assert.equal(await verdict.textContent(), "Match");
  // The importers' module loads from under the sub-path too.
  await page.getByLabel("Import", { exact: true }).fill('{"source": ["aws.ec2"]}');
  await page.getByRole("button", { name: "Import rules" }).click();
  assert.match(
    await page.getByRole("status", { name: "Import result" }).textContent(),
    /^Imported 1 rule from the event pattern: /,
  );
  await page.waitForLoadState("networkidle");
  // Every asset came from under the sub-path: nothing 404'd at the root.
  assert.deepEqual(problems, []);
  await context.close();
});
