// Issue 8, the playground part 1: the editor, events, the rules × events
// matrix, the sample gallery, the rule panel, building a pattern from an
// event; and the budgets, measured in the page.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  distDir,
  ensureOutputDir,
  eventEditor,
  openPlayground,
  patternEditor,
  servePlayground,
  verdictOf,
} from "./harness.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));

const env = servePlayground();

const summaryOf = (page) => page.locator("#events-summary");
const eventRows = (page) => page.getByRole("list", { name: "Events" }).getByRole("listitem");

async function open(options) {
  return openPlayground(env.browser, env.server.url, options);
}

async function addSampleEvent(page, name) {
  await page.getByLabel("Sample event").selectOption({ label: name });
  await page.getByRole("button", { name: "Add sample event" }).click();
}

describe("1. the pattern editor", () => {
  test("highlights JSON, numbers its lines, and underlines the exact error span", async () => {
    const { context, page, problems } = await open();
    const layer = page.locator("#pattern-editor ~ .highlight, .code-area:has(#pattern-editor) .highlight");
    const keys = await layer.locator(".tk").allTextContents();
    assert.deepEqual(keys.slice(0, 3), ['"detail-type"', '"detail"', '"eventSource"']);
    const lines = (await patternEditor(page).inputValue()).split("\n").length;
    const gutter = await page.locator(".code-editor:has(#pattern-editor) .gutter").textContent();
    assert.equal(gutter.trim().split("\n").length, lines);

    await patternEditor(page).fill('{\n  "source": ["aws.ec2"],\n  "detail": {"state": [{"prefix": 5}]}\n}');
    const underlined = layer.locator(".err");
    await underlined.first().waitFor();
    assert.equal((await underlined.allTextContents()).join(""), "5");
    assert.match(
      await page.locator("#pattern-editor-error .problem-message").textContent(),
      /at line 3, column 35$/,
    );
    assert.match(await page.locator("#pattern-editor-error .problem-hint").textContent(), /^Hint: /);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("stays aligned with Unicode, tabs and long lines, and follows the scroll", async () => {
    const { context, page, problems } = await open();
    const text = `{\n\t"détail😀": ["${"x".repeat(400)}"],\n\t"source": ["a\tb"]\n}`;
    await patternEditor(page).fill(text);
    const layer = page.locator(".code-area:has(#pattern-editor) .highlight");
    // The layer holds exactly the textarea's text (plus the line a final
    // newline would start), so every character sits under itself.
    assert.equal(await layer.textContent(), text + "\n ");
    await patternEditor(page).evaluate((el) => {
      el.scrollLeft = 300;
      el.dispatchEvent(new Event("scroll"));
    });
    const [area, shown] = await page.evaluate(() => [
      document.querySelector("#pattern-editor").scrollLeft,
      document.querySelector(".code-area:has(#pattern-editor) .highlight").scrollLeft,
    ]);
    assert.ok(area > 0);
    assert.equal(shown, area);
    // The same font metrics: both boxes are the same height.
    const heights = await page.evaluate(() => [
      document.querySelector("#pattern-editor").getBoundingClientRect().height,
      document.querySelector(".code-area:has(#pattern-editor) .highlight").getBoundingClientRect().height,
    ]);
    assert.equal(heights[0], heights[1]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("Format pretty-prints, keeping numbers as written; the size counter names both limits", async () => {
    const { context, page, problems } = await open();
    await patternEditor(page).fill('{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",1.50]}]}}');
    await page.getByRole("button", { name: "Format" }).click();
    assert.equal(
      await patternEditor(page).inputValue(),
      '{\n  "source": ["aws.ec2"],\n  "detail": {\n    "n": [{"numeric": [">", 1.50]}]\n  }\n}\n',
    );
    const size = page.getByLabel("Pattern size");
    const formatted = await patternEditor(page).inputValue();
    assert.equal(await size.textContent(), `${formatted.length} characters of 2048 (4096 with a quota increase)`);
    await patternEditor(page).fill(`{"source": ["${"a".repeat(2100)}"]}`);
    assert.equal(
      await size.textContent(),
      "2116 characters over the default 2048; needs a quota increase (4096 at most)",
    );
    await patternEditor(page).fill('{"source": ["aws.EC2"]}');
    await page.getByRole("list", { name: "Lints" }).waitFor();
    assert.match(await page.getByRole("list", { name: "Lints" }).textContent(), /close to "aws.ec2"/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("2. events", () => {
  test("add, duplicate, reorder and remove named events, with a summary", async () => {
    const { context, page, problems } = await open();
    assert.equal(await summaryOf(page).textContent(), "1 of 1 event matches");
    await page.getByRole("button", { name: "Add event" }).click();
    assert.equal(await eventRows(page).count(), 2);
    assert.equal(await page.getByLabel("Name of event 2").inputValue(), "Event 2");
    await eventEditor(page).fill('{"detail-type": "AWS API Call via CloudTrail", "detail": {"eventSource": "s3.amazonaws.com"}}');
    assert.equal(await summaryOf(page).textContent(), "1 of 2 events match");

    await page.getByRole("button", { name: "Duplicate CloudTrail: AuthorizeSecurityGroupIngress" }).click();
    assert.equal(await eventRows(page).count(), 3);
    assert.equal(await page.getByLabel("Name of event 2").inputValue(), "CloudTrail: AuthorizeSecurityGroupIngress (copy)");
    assert.equal(await summaryOf(page).textContent(), "2 of 3 events match");

    await page.getByLabel("Name of event 3").fill("S3 call");
    await page.getByRole("button", { name: "Move S3 call up" }).click();
    assert.equal(await page.getByLabel("Name of event 2").inputValue(), "S3 call");
    assert.deepEqual(await eventRows(page).locator(".badge").allTextContents(), ["Match", "No match", "Match"]);
    await page.getByRole("button", { name: "Remove S3 call" }).click();
    assert.equal(await eventRows(page).count(), 2);
    assert.equal(await summaryOf(page).textContent(), "2 of 2 events match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("each event's explanation expands in the list", async () => {
    const { context, page, problems } = await open();
    await page.getByRole("button", { name: "Add event" }).click();
    await eventEditor(page).fill('{"detail-type": "Scheduled Event"}');
    await page.getByLabel("Why: Event 2").click();
    const tree = eventRows(page).nth(1).getByRole("list", { name: "Explanation" });
    await tree.waitFor();
    assert.match(await tree.textContent(), /detail-type/);
    assert.match(await eventRows(page).nth(1).textContent(), /Why it does not match/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a PutEvents entry is shown and matched as the delivered event", async () => {
    const { context, page, problems } = await open();
    await patternEditor(page).fill('{"source": ["com.example.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}');
    await eventEditor(page).fill(JSON.stringify({
      Source: "com.example.orders",
      DetailType: "OrderCreated",
      EventBusName: "orders",
      Detail: JSON.stringify({ orderId: "ORD-1001", total: 129.95 }),
    }));
    const delivered = JSON.parse(await page.getByLabel("Delivered event").textContent());
    assert.equal(delivered["detail-type"], "OrderCreated");
    assert.equal(delivered.detail.total, 129.95);
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("pasted JSON Lines split into several events", async () => {
    const { context, page, problems } = await open();
    await page.getByRole("button", { name: "Add event" }).click();
    const lines = ["aws.ec2", "aws.s3", "aws.ec2"]
      .map((source, i) => JSON.stringify({ id: String(i), source, "detail-type": "AWS API Call via CloudTrail" }))
      .join("\n");
    await eventEditor(page).fill(lines);
    await page.getByRole("button", { name: "Split into 3 events" }).click();
    assert.equal(await eventRows(page).count(), 4);
    assert.equal(await page.getByLabel("Name of event 4").inputValue(), "Event 2 (3 of 3)");
    // Each line is an event of its own now; none has the detail the
    // sample pattern asks for.
    assert.equal(await summaryOf(page).textContent(), "1 of 4 events match");
    assert.deepEqual(await eventRows(page).locator(".badge").allTextContents(), ["Match", "No match", "No match", "No match"]);
    assert.equal(JSON.parse(await eventEditor(page).inputValue()).source, "aws.ec2");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an event without an envelope gets AWS's error, the missing fields and a wrap button", async () => {
    const { context, page, problems } = await open();
    await eventEditor(page).fill('{"source": "aws.ec2", "detail": {"state": "stopped"}}');
    const alert = page.locator(".envelope");
    await alert.waitFor();
    assert.equal(
      await alert.locator(".problem-message").textContent(),
      "Parameter Event is not valid. Reason: The event has no `id`, `account`, `time`, `region`, `detail-type`",
    );
    await page.getByRole("button", { name: "Wrap in an envelope" }).click();
    await alert.waitFor({ state: "detached" });
    const event = JSON.parse(await eventEditor(page).inputValue());
    assert.equal(event.source, "aws.ec2");
    assert.equal(event.detail.state, "stopped");
    assert.equal(event.account, "123456789012");
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("3 and 4. the sample gallery and the matrix", () => {
  test("the gallery has at least 15 events and 12 patterns; a rule with two patterns is two rules", async () => {
    const { context, page, problems } = await open();
    const events = await page.getByLabel("Sample event").locator("option").allTextContents();
    assert.ok(events.length >= 15, `${events.length} sample events`);
    for (const name of ["EC2 Instance State-change Notification (stopped)", "CloudTrail: ConsoleLogin by root",
      "S3 Object Created", "Scheduled Event", "GuardDuty Finding (high severity)", "ECR Image Scan (critical findings)"]) {
      assert.ok(events.includes(name), name);
    }
    await page.getByLabel("Sample rule").selectOption("ec2-activity-jets");
    await page.getByRole("button", { name: "Add sample rule" }).click();
    const rules = await page.getByRole("list", { name: "Rules" }).getByRole("button").allTextContents();
    assert.deepEqual(rules, ["detect-security-group-changes", "ec2-activity-1", "ec2-activity-2"]);
    await addSampleEvent(page, "EC2 Instance State-change Notification (stopped)");
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("every rule × every event, and each cell links to its explanation", async () => {
    const { context, page, problems } = await open({ viewport: { width: 1400, height: 1000 } });
    await page.getByRole("button", { name: "Load every sample" }).click();
    const matrix = page.getByRole("region", { name: "Rules × events" });
    const rows = matrix.locator("tbody tr");
    assert.equal(await rows.count(), 18);
    assert.equal(await matrix.locator("thead th").count(), 19);
    const cell = matrix.getByRole("link", {
      name: "ec2-instance-stopping × EC2 Instance State-change Notification (stopped): Match",
    });
    await cell.click();
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.equal(
      await page.locator(".result .pair").textContent(),
      "ec2-instance-stopping × EC2 Instance State-change Notification (stopped)",
    );
    assert.equal(await page.locator("#why .explanation summary").textContent(), "Why it matches");
    const miss = matrix.getByRole("link", { name: "ec2-instance-stopping × S3 Object Created: No match" });
    await miss.click();
    assert.equal(await verdictOf(page).textContent(), "No match");
    assert.match(await page.locator("#why").textContent(), /source: expected "aws.ec2", got "aws.s3"/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("5. the rule panel", () => {
  test("name, description, bus and state go into the export", async () => {
    const { context, page, problems } = await open();
    await page.getByLabel("Description").fill("Security-group changes");
    await page.getByLabel("Event bus").fill("audit");
    await page.getByLabel("State", { exact: true }).selectOption("DISABLED");
    const rule = JSON.parse(await page.getByLabel("API JSON export").textContent()).PutRule;
    assert.equal(rule.Description, "Security-group changes");
    assert.equal(rule.EventBusName, "audit");
    assert.equal(rule.State, "DISABLED");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a schedule is validated, described, and its next 10 runs listed", async () => {
    const { context, page, problems } = await open();
    await page.getByLabel("Schedule expression").fill("cron(0 12 ? * MON-FRI *)");
    await page.getByText("Runs at 12:00 UTC, Monday through Friday.").waitFor();
    const runs = page.getByRole("table", { name: "Next runs" }).locator("tbody tr");
    assert.equal(await runs.count(), 10);
    assert.match(await runs.first().locator("td").first().textContent(), /^\d{4}-\d\d-\d\d 12:00 UTC$/);
    await page.getByLabel("Schedule expression").fill("rate(1 minutes)");
    assert.equal(
      await page.locator("#schedule-info .problem").textContent(),
      "Parameter ScheduleExpression is not valid. Rate(1 …) takes the singular unit: `minute`, not `minutes`",
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a target's input transformer previews what the target receives", async () => {
    const { context, page, problems } = await open();
    await page.getByRole("button", { name: "Add target" }).click();
    await page.getByLabel("Target 1 input transformer").check();
    const received = page.getByLabel("Target 1 receives");
    assert.equal(await received.textContent(), '"AWS API Call via CloudTrail from aws.ec2"');
    await page.getByLabel("Target 1 input paths map").fill('{"group": "$.detail.requestParameters.groupId"}');
    await page.getByLabel("Target 1 input template").fill('{"group": <group>, "rule": "<aws.events.rule-name>"}');
    assert.equal(await received.textContent(), '{"group": "sg-0123456789abcdef0", "rule": "detect-security-group-changes"}');
    const put = JSON.parse(await page.getByLabel("API JSON export").textContent()).PutTargets;
    assert.equal(put.Targets[0].InputTransformer.InputPathsMap.group, "$.detail.requestParameters.groupId");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("every export format is a tab, and Copy puts its text on the clipboard", async () => {
    const { context, page, problems } = await open();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url.replace(/\/$/, "") });
    const tabs = page.getByRole("tablist", { name: "Export" }).getByRole("tab");
    assert.deepEqual(await tabs.allTextContents(), [
      "API JSON", "AWS CLI", "SDK for JavaScript", "CloudFormation (JSON)", "CloudFormation (YAML)", "SAM",
      "Serverless", "Terraform", "CDK (TypeScript)", "Ruby Jets", "Scheduler (CloudFormation)",
      "Scheduler (Terraform)", "Scheduler (SAM)",
    ]);
    for (const name of ["Terraform", "CloudFormation (YAML)", "Ruby Jets"]) {
      await page.getByRole("tab", { name, exact: true }).click();
      assert.equal(await page.getByRole("tab", { name, exact: true }).getAttribute("aria-selected"), "true");
      const text = await page.getByRole("tabpanel").getByLabel(`${name} export`).textContent();
      await page.getByRole("tabpanel").getByRole("button", { name: "Copy" }).click();
      await page.getByRole("tabpanel").getByText("Copied", { exact: true }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
      assert.match(text, /detect.security.group.changes|DetectSecurityGroupChanges/i);
    }
    // Arrow keys move along the tabs.
    await page.getByRole("tab", { name: "Ruby Jets" }).press("ArrowRight");
    assert.equal(await page.getByRole("tab", { name: "Scheduler (CloudFormation)" }).getAttribute("aria-selected"), "true");
    assert.match(await page.getByRole("tabpanel").textContent(), /cannot match an event pattern/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("Import reads a template and adds its rules", async () => {
    const { context, page, problems } = await open();
    // The importers are a module of their own, which the first import loads.
    const loaded = () =>
      page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    await page.waitForLoadState("networkidle");
    const atLoad = await loaded();
    assert.ok(atLoad.some((path) => /^\/evpat-web-[0-9a-f]+_bg\.wasm$/.test(path)), atLoad.join(" "));
    assert.deepEqual(atLoad.filter((path) => path.includes("importer")), []);
    await page.getByLabel("Import", { exact: true }).fill([
      "Resources:",
      "  StoppedInstances:",
      "    Type: AWS::Events::Rule",
      "    Properties:",
      "      Name: stopped-instances",
      "      EventPattern:",
      "        source: [aws.ec2]",
      "        detail:",
      "          state: [stopped]",
      "  Nightly:",
      "    Type: AWS::Events::Rule",
      "    Properties:",
      "      Name: nightly",
      "      ScheduleExpression: cron(0 3 * * ? *)",
      "",
    ].join("\n"));
    // Focusing the box (fill does) starts loading them, before the click.
    await page.waitForFunction(() =>
      performance.getEntriesByType("resource").some((e) => /\/evpat-importer-[0-9a-f]+_bg\.wasm$/.test(e.name)),
    );
    await page.getByRole("button", { name: "Import rules" }).click();
    const result = page.getByRole("status", { name: "Import result" });
    assert.match(await result.textContent(), /^Imported 2 rules from the CloudFormation template: stopped-instances, nightly/);
    // Named by their content, as the page's own files are.
    const module = (await loaded()).filter((path) => path.includes("importer"));
    assert.equal(module.length, 2, module.join(" "));
    assert.match(module[0], /^\/evpat-importer-[0-9a-f]{16}\.js$/);
    assert.equal(module[1], module[0].replace(/\.js$/, "_bg.wasm"));
    assert.equal(await page.getByRole("button", { name: "Import rules" }).isEnabled(), true);
    const rules = await page.getByRole("list", { name: "Rules" }).getByRole("button").allTextContents();
    assert.deepEqual(rules, ["detect-security-group-changes", "stopped-instances", "nightly"]);
    assert.equal(JSON.parse(await patternEditor(page).inputValue()).detail.state[0], "stopped");
    await page.getByLabel("Import", { exact: true }).fill("resource \"aws_cloudwatch_event_rule\" \"x\" {");
    await page.getByRole("button", { name: "Import rules" }).click();
    assert.match(await page.getByRole("alert", { name: "Import result" }).textContent(), /at line 1, column/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("6. building a pattern from an event", () => {
  test("clicking a value adds it as an exact value, a prefix, anything-but, exists or a numeric range", async () => {
    const { context, page, problems } = await open();
    await addSampleEvent(page, "S3 Object Created");
    await page.getByRole("button", { name: "Add rule" }).click();
    await patternEditor(page).fill("");
    const value = (path) => page.getByRole("list", { name: "Event values" }).getByRole("button", { name: path });
    const add = async (path, condition) => {
      await value(path).click();
      await page.getByRole("group", { name: `Add ${path.split(" = ")[0]} to the pattern` })
        .getByRole("button", { name: condition }).click();
    };
    await add('source = "aws.s3"', "Exact value");
    await add('detail.object.key = "uploads/2021/report.png"', "Prefix");
    await add('detail.bucket.name = "amzn-s3-demo-bucket1"', "Anything but");
    await add('detail.request-id = "N4N7GDK58NMKJ12R"', "Exists");
    await add("detail.object.size = 5", "Numeric range");
    assert.deepEqual(JSON.parse(await patternEditor(page).inputValue()), {
      source: ["aws.s3"],
      detail: {
        object: { key: [{ prefix: "uploads/2021/" }], size: [{ numeric: [">=", 5, "<=", 5] }] },
        bucket: { name: [{ "anything-but": "amzn-s3-demo-bucket1" }] },
        "request-id": [{ exists: true }],
      },
    });
    // Anything-but its own value: the event no longer matches.
    assert.equal(await verdictOf(page).textContent(), "No match");
    // Booleans offer only what AWS accepts for them.
    await addSampleEvent(page, "CloudTrail: ConsoleLogin by root");
    await value("detail.readOnly = false").click();
    assert.deepEqual(
      await page.getByRole("group", { name: "Add detail.readOnly to the pattern" }).getByRole("button").allTextContents(),
      ["Exact value", "Exists"],
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("budgets", () => {
  test("first verdict, and 10 rules × 100 events re-evaluated after an edit, measured in the page", async () => {
    const { context, page, problems } = await open();
    const firstMs = Number(await page.getByRole("region", { name: "Result" }).getAttribute("data-first-verdict-ms"));
    // The bundle, as the browser loaded it: the page and every file it
    // fetched, each gzipped at the highest level, as a host would send it.
    await page.waitForLoadState("networkidle");
    const fetched = await page.evaluate(() => [
      "/index.html",
      ...performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname),
    ]);
    let pageGzipBytes = 0;
    for (const path of fetched) {
      pageGzipBytes += gzipSync(await readFile(join(distDir, path)), { level: 9 }).length;
    }
    // 10 rules: the initial one and 9 of the gallery's.
    await page.getByRole("button", { name: "Load every sample" }).click();
    const ruleButtons = page.getByRole("list", { name: "Rules" }).getByRole("button");
    while ((await ruleButtons.count()) > 10) {
      await ruleButtons.last().click();
      await page.getByRole("button", { name: "Remove rule" }).click();
    }
    // 100 events: the gallery's, repeated, pasted as JSON Lines.
    const gallery = JSON.parse(await readFile(join(here, "..", "..", "web", "samples", "events.json"), "utf8"));
    const hundred = Array.from({ length: 100 }, (_, i) => JSON.stringify(gallery[i % gallery.length].event));
    await page.getByRole("button", { name: "Add event" }).click();
    await eventEditor(page).fill(hundred.join("\n"));
    await page.getByRole("button", { name: "Split into 100 events" }).click();
    // Leave exactly those 100.
    while ((await eventRows(page).count()) > 100) {
      await eventRows(page).first().getByRole("button", { name: /^Remove / }).click();
    }
    assert.equal(await eventRows(page).count(), 100);
    assert.equal(await ruleButtons.count(), 10);
    // Edit a pattern a few times; each edit re-evaluates the whole matrix.
    const matrix = page.getByRole("region", { name: "Rules × events" });
    const figures = [];
    for (let i = 0; i < 10; i++) {
      await ruleButtons.nth(i % 10).click();
      const pattern = await patternEditor(page).inputValue();
      await patternEditor(page).fill(pattern.replace(/\n*$/, i % 2 ? "\n" : "\n\n"));
      figures.push(Number(await matrix.getAttribute("data-eval-ms")));
    }
    figures.sort((a, b) => a - b);
    const median = figures[Math.floor(figures.length / 2)];
    const report = {
      pageGzipBytes,
      pageFiles: fetched.length,
      firstVerdictMs: firstMs,
      evaluate10x100Ms: { median, max: figures.at(-1), all: figures },
    };
    await writeFile(join(await ensureOutputDir(), "budgets.json"), JSON.stringify(report, null, 2) + "\n");
    console.log(`budgets: ${JSON.stringify(report)}`);
    // The bundle's budget, which `cargo xtask dist` also holds it to.
    assert.ok(pageGzipBytes > 300_000 && pageGzipBytes <= 400_000, `${pageGzipBytes} bytes gzipped`);
    // Hang guards only; the real figures are reported from budgets.json.
    assert.ok(firstMs > 0 && firstMs < 5000, `first verdict at ${firstMs} ms`);
    assert.ok(median < 200, `10 × 100 evaluated in ${median} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("screenshots", () => {
  test("the main states, for the README", async () => {
    const dir = await ensureOutputDir();
    const { context, page } = await open({ viewport: { width: 1280, height: 900 } });
    await page.screenshot({ path: join(dir, "playground-start.png"), fullPage: false });
    await page.getByRole("button", { name: "Load every sample" }).click();
    await page.getByRole("region", { name: "Rules × events" }).screenshot({ path: join(dir, "playground-matrix.png") });
    await patternEditor(page).fill('{\n  "source": ["aws.ec2"],\n  "detail": {\n    "state": [{"prefix": 5}]\n  }\n}');
    await page.locator(".editors").screenshot({ path: join(dir, "playground-error.png") });
    // The rule panel with a valid pattern, so that the export shows.
    await patternEditor(page).fill(
      '{\n  "source": ["aws.ec2"],\n  "detail-type": ["EC2 Instance State-change Notification"],\n  "detail": {\n    "state": ["stopped", "terminated"]\n  }\n}',
    );
    await page.getByRole("tab", { name: "Terraform", exact: true }).click();
    await page.getByRole("tabpanel").getByText("aws_cloudwatch_event_rule").first().waitFor();
    await page.getByRole("region", { name: "Rule", exact: true }).screenshot({ path: join(dir, "playground-rule.png") });
    await context.close();
  });
});
