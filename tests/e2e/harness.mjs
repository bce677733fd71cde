// What every browser test needs: the built dist/ served on 127.0.0.1, and
// Debian's Chromium driven by playwright-core. Never `npx playwright
// install`: it downloads a browser, which fails on these machines.

import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
export const distDir = resolve(process.env.EVPAT_DIST ?? join(here, "..", "..", "dist"));
export const outputDir = resolve(join(here, "..", "output"));

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

/**
 * Serves `root` under the URL path `prefix` on 127.0.0.1 at a free port, as
 * a static host would; resolves to { url, close }, where `url` includes the
 * prefix.
 */
export async function serveStatic(root = distDir, prefix = "/") {
  const server = createServer(async (request, response) => {
    const fullPath = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!fullPath.startsWith(prefix)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const path = "/" + fullPath.slice(prefix.length);
    const file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = contentTypes[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Debian's Chromium, headless, with nothing that reaches the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/**
 * Opens the playground in a fresh page and waits until the app has drawn.
 * Every console error or warning, page error and failed request lands in
 * the returned `problems` list.
 */
export async function openPlayground(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url);
  await page.getByLabel("Event pattern").waitFor();
  // The sections under the verdict are drawn just after it.
  await page.getByRole("region", { name: "Rules × events" }).waitFor();
  return { context, page, problems };
}

export async function ensureOutputDir() {
  await mkdir(outputDir, { recursive: true });
  return outputDir;
}

/**
 * For a test file: serves `root` (dist/ by default) and launches Chromium
 * before its tests, and stops both after them. The returned object's
 * `server` and `browser` are set once the `before` hook has run.
 */
export function servePlayground(root = distDir, prefix = "/") {
  const shared = { server: undefined, browser: undefined };
  before(async () => {
    shared.server = await serveStatic(root, prefix);
    shared.browser = await launchChromium();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** The verdict under the editors: "Match", "No match", … */
export const verdictOf = (page) => page.getByRole("region", { name: "Result" }).getByRole("status");
/** The pattern editor. */
export const patternEditor = (page) => page.getByLabel("Event pattern");
/** The event editor. */
export const eventEditor = (page) => page.getByLabel("Event", { exact: true });
