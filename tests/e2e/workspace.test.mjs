// Never losing work, sharing it, privacy and offline use: autosave, the
// workspace file, share links, the Content Security Policy, and a page that
// makes no request once loaded.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  eventEditor,
  openPlayground,
  patternEditor,
  servePlayground,
  verdictOf,
} from "./harness.mjs";

const env = servePlayground();

const workspaceBar = (page) => page.getByRole("toolbar", { name: "Workspace" });
const rulesList = (page) => page.getByRole("list", { name: "Rules" });
const eventNames = (page) =>
  page.getByRole("list", { name: "Events" }).getByRole("textbox", { name: /^Name of event / });

const PATTERN = '{\n  "source": ["aws.ec2"],\n  "detail": {"n": [1.50]}\n}';

/** A workspace document as a file would hold it. */
function workspaceFile(overrides = {}) {
  return JSON.stringify({
    format: "evpat-workspace",
    version: 1,
    rules: [
      { name: "from-file", eventPattern: '{"source": ["my.app"]}', state: "DISABLED" },
      { name: "second", eventPattern: '{"detail-type": ["Order Placed"]}' },
    ],
    events: [{ name: "order", text: '{"source": "my.app", "detail-type": "Order Placed"}' }],
    selectedRule: 0,
    selectedEvent: 0,
    exportFormat: "cli",
    ...overrides,
  });
}

describe("autosave", () => {
  test("a reload restores the rules, events, texts and selections", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await page.getByRole("button", { name: "Add rule" }).click();
    await patternEditor(page).fill(PATTERN);
    await page.getByRole("button", { name: "Add event" }).click();
    await eventEditor(page).fill('{"source": "aws.ec2", "detail": {"n": 1.5}}');
    await page.getByRole("tab", { name: "Terraform", exact: true }).click();
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem("evpat.workspace")));
    assert.equal(saved.format, "evpat-workspace");
    assert.equal(saved.version, 1);
    assert.deepEqual(saved.rules.map((r) => r.name), ["detect-security-group-changes", "new-rule"]);
    assert.equal(saved.rules[1].eventPattern, PATTERN);
    assert.equal(saved.exportFormat, "terraform");

    await page.reload();
    await patternEditor(page).waitFor();
    assert.equal(await patternEditor(page).inputValue(), PATTERN, "the selected rule's exact text");
    assert.equal(await eventEditor(page).inputValue(), '{"source": "aws.ec2", "detail": {"n": 1.5}}');
    assert.deepEqual(await rulesList(page).getByRole("button").allTextContents(), [
      "detect-security-group-changes",
      "new-rule",
    ]);
    assert.equal(await eventNames(page).count(), 2);
    assert.equal(await page.getByRole("tab", { name: "Terraform", exact: true }).getAttribute("aria-selected"), "true");
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  const document = JSON.stringify({ format: "evpat-workspace", version: 1, rules: [{ name: "r" }], events: [] });
  for (const [what, saved, expected, events] of [
    ["not JSON", "{not json", "Your saved work could not be restored: the workspace is not valid JSON: key must be a string (line 1, column 2)."],
    ["from a newer version", '{"format": "evpat-workspace", "version": 7}', "Your saved work could not be restored: this workspace was saved by a newer playground (format version 7); this page reads version 1: open it in the newer playground."],
    ["not a workspace", '{"rules": "yes"}', "Your saved work could not be restored: this is not a playground workspace: it has no \"format\": \"evpat-workspace\"."],
    ["with damaged events", document, "Your saved work could not be restored: the workspace's events are not valid JSON: EOF while parsing an object (line 1, column 2).", "[{"],
  ]) {
    test(`saved work that is ${what} gives a notice, keeps the text and starts from the sample`, async () => {
      const context = await env.browser.newContext();
      await context.addInitScript(([text, events]) => {
        if (!sessionStorage.getItem("seeded")) {
          localStorage.setItem("evpat.workspace", text);
          if (events != null) localStorage.setItem("evpat.workspace.events", events);
          sessionStorage.setItem("seeded", "1");
        }
      }, [saved, events]);
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(env.server.url);
      const notice = workspaceBar(page).locator("xpath=..").getByRole("alert");
      await notice.waitFor();
      assert.equal((await notice.textContent()).startsWith(expected), true, await notice.textContent());
      assert.match(await notice.textContent(), /kept in this browser's storage, under "evpat\.workspace\.unreadable"\.$/);
      assert.equal(await page.evaluate(() => localStorage.getItem("evpat.workspace.unreadable")), saved);
      assert.equal(await verdictOf(page).textContent(), "Match", "the sample works");
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe("the workspace file", () => {
  test("Export workspace downloads the whole work as JSON", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await patternEditor(page).fill(PATTERN);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      workspaceBar(page).getByRole("button", { name: "Export workspace" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "evpat-workspace.json");
    const text = await readFile(await download.path(), "utf8");
    const file = JSON.parse(text);
    assert.ok(text.startsWith('{\n  "format": "evpat-workspace",\n  "version": 1,\n'), text.slice(0, 80));
    assert.equal(file.rules[0].eventPattern, PATTERN);
    assert.equal(file.events[0].name, "CloudTrail: AuthorizeSecurityGroupIngress");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("Import workspace loads a file, and the previous work can be restored", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await patternEditor(page).fill(PATTERN);
    await workspaceBar(page).getByLabel("Import workspace").setInputFiles({
      name: "team.json",
      mimeType: "application/json",
      buffer: Buffer.from(workspaceFile()),
    });
    const status = page.locator(".workspace-notice");
    await status.getByText("Imported team.json: 2 rules and 1 event.").waitFor();
    assert.deepEqual(await rulesList(page).getByRole("button").allTextContents(), ["from-file", "second"]);
    assert.equal(await patternEditor(page).inputValue(), '{"source": ["my.app"]}');
    assert.equal(await page.getByLabel("State").inputValue(), "DISABLED");
    assert.equal(await verdictOf(page).textContent(), "Match");

    await status.getByRole("button", { name: "Restore my previous work" }).click();
    await status.getByText("Restored your previous work: 1 rule and 1 event.").waitFor();
    assert.equal(await patternEditor(page).inputValue(), PATTERN);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a file that is not a workspace is refused with its reason, and nothing changes", async () => {
    const { context, page } = await openPlayground(env.browser, env.server.url);
    const before = await patternEditor(page).inputValue();
    await workspaceBar(page).getByLabel("Import workspace").setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"rules": [], "format": "other"}'),
    });
    const alert = page.locator(".workspace-notice[role=alert]");
    await alert.waitFor();
    assert.equal(
      await alert.textContent(),
      'notes.json was not imported: this is not a playground workspace: it has no "format": "evpat-workspace".',
    );
    assert.equal(await patternEditor(page).inputValue(), before);
    await context.close();
  });
});

describe("share links", () => {
  test("Share puts the work in the fragment and copies the link; a fresh browser opens it", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await page.getByRole("button", { name: "Add rule" }).click();
    await patternEditor(page).fill(PATTERN);
    await eventEditor(page).fill('{"source": "aws.ec2", "detail": {"n": 1.5}}');
    await workspaceBar(page).getByRole("button", { name: "Share" }).click();
    await page.locator(".workspace-notice").getByText(/^Link copied \(\d+ KB\)\./).waitFor();
    const link = page.url();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await context.close();

    // A new context: no localStorage, no clipboard, only the link.
    const fresh = await env.browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await patternEditor(other).waitFor();
    await other.locator(".workspace-notice").getByText("Opened the shared workspace: 2 rules and 1 event. Edits are saved in this browser.").waitFor();
    assert.equal(await patternEditor(other).inputValue(), PATTERN);
    assert.equal(await eventEditor(other).inputValue(), '{"source": "aws.ec2", "detail": {"n": 1.5}}');
    assert.deepEqual(await rulesList(other).getByRole("button").allTextContents(), [
      "detect-security-group-changes",
      "new-rule",
    ]);
    assert.equal(await verdictOf(other).textContent(), "Match");
    // The first edit makes the link stale: it leaves the address bar, and
    // a reload shows the edited work.
    await patternEditor(other).fill('{"source": ["aws.s3"]}');
    await other.waitForFunction(() => location.hash === "");
    await other.reload();
    await patternEditor(other).waitFor();
    assert.equal(await patternEditor(other).inputValue(), '{"source": ["aws.s3"]}');
    assert.deepEqual(problems, []);
    await fresh.close();
  });

  test("a damaged link gives a notice, and the page still works", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${env.server.url}#share=1.AAAA`);
    const alert = page.locator(".workspace-notice[role=alert]");
    await alert.waitFor();
    assert.equal(
      await alert.textContent(),
      "This link could not be opened: the share link is damaged (not DEFLATE data): copy the whole link again.",
    );
    assert.equal(await verdictOf(page).textContent(), "Match");
    await page.goto(`${env.server.url}#share=9.AAAA`);
    await page.reload();
    await alert.waitFor();
    assert.match(await alert.textContent(), /made by a newer playground \(link version 9\)/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("privacy and offline use", () => {
  test("the page has a strict Content Security Policy, and it blocks other origins", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
    assert.match(policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'; style-src 'self'; img-src 'self' data:; connect-src 'self';/);
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*/);
    const blocked = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
      const fetched = await fetch("https://example.com/").then(() => "fetched", (e) => e.name);
      const image = new Image();
      image.src = "https://example.com/pixel.png";
      await new Promise((done) => setTimeout(done, 100));
      return { fetched, violations };
    });
    assert.equal(blocked.fetched, "TypeError");
    assert.deepEqual(blocked.violations.sort(), ["connect-src", "img-src"]);
    // The page itself caused no violation (they would be console errors).
    assert.deepEqual(
      problems.filter((p) => !p.includes("example.com")),
      [],
    );
    await context.close();
  });

  test("after loading, nothing is requested, even while editing, sharing and exporting", async () => {
    const context = await env.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(env.server.url);
    await verdictOf(page).waitFor();
    await page.getByRole("region", { name: "Rules × events" }).waitFor();
    await page.waitForLoadState("networkidle");
    const origin = new URL(env.server.url).origin;
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((url) => !url.startsWith(origin + "/")), [], "only our own files");
    const loaded = requests.length;

    await patternEditor(page).fill(PATTERN);
    await page.getByRole("button", { name: "Load every sample" }).click();
    await page.getByRole("tab", { name: "CloudFormation (YAML)" }).click();
    await workspaceBar(page).getByRole("button", { name: "Share" }).click();
    await page.locator(".workspace-notice").getByText(/^Link copied/).waitFor();
    await Promise.all([
      page.waitForEvent("download"),
      workspaceBar(page).getByRole("button", { name: "Export workspace" }).click(),
    ]);
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    // The download's blob: URL is the page's own memory, not the network.
    assert.deepEqual(
      requests.slice(loaded).filter((url) => !url.startsWith("blob:")),
      [],
    );
    await context.close();
  });

  test("offline, the page still evaluates, shares and exports", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await context.setOffline(true);
    await patternEditor(page).fill('{"source": ["aws.s3"]}');
    await page.getByRole("region", { name: "Result" }).getByText("No match", { exact: true }).waitFor();
    await patternEditor(page).fill('{"source": ["aws.ec2"]}');
    await page.getByRole("region", { name: "Result" }).getByText("Match", { exact: true }).waitFor();
    await workspaceBar(page).getByRole("button", { name: "Share" }).click();
    await page.locator(".workspace-notice").getByText(/^Link copied/).waitFor();
    assert.match(page.url(), /#share=1\./);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      workspaceBar(page).getByRole("button", { name: "Export workspace" }).click(),
    ]);
    const file = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(file.rules[0].eventPattern, '{"source": ["aws.ec2"]}');
    await page.getByRole("tab", { name: "Terraform", exact: true }).click();
    assert.match(await page.getByRole("tabpanel").locator("pre").textContent(), /resource "aws_cloudwatch_event_rule"/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("offline, a first import says the importers did not load, and keeps the text", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await context.setOffline(true);
    const box = page.getByLabel("Import", { exact: true });
    await box.fill('{"source": ["aws.ec2"]}');
    await page.getByRole("button", { name: "Import rules" }).click();
    const result = page.getByRole("alert", { name: "Import result" });
    assert.match(await result.textContent(), /^Nothing was imported: the importers did not load: .+\.Hint: check the connection, then import again\.$/);
    assert.equal(await box.inputValue(), '{"source": ["aws.ec2"]}');
    // Back online, the same click imports: the failed load was not kept.
    await context.setOffline(false);
    await page.getByRole("button", { name: "Import rules" }).click();
    assert.match(
      await page.getByRole("status", { name: "Import result" }).textContent(),
      /^Imported 1 rule from the event pattern: /,
    );
    // The browser reports the failed fetch; nothing else went wrong.
    assert.deepEqual(problems.filter((p) => !/evpat-importer|Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(p)), []);
    await context.close();
  });
});
