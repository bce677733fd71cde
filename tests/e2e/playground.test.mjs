// The playground's first features: the editors, the verdict, errors, the
// explanation, and the rule's export.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  ensureOutputDir,
  eventEditor,
  openPlayground,
  patternEditor,
  servePlayground,
  verdictOf,
} from "./harness.mjs";

const env = servePlayground();



describe("the playground", () => {
  test("loads with no console errors or warnings", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await assert.doesNotReject(verdictOf(page).waitFor());
    // Let anything late (icons, deferred errors) arrive.
    await page.waitForLoadState("networkidle");
    assert.deepEqual(problems, []);
    assert.equal(await page.title(), "Event Pattern Playground · evpat");
    assert.equal(await page.locator("#fatal").isHidden(), true);
    await context.close();
  });

  test("starts with the security-group example, and it matches", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const pattern = JSON.parse(await patternEditor(page).inputValue());
    assert.deepEqual(pattern["detail-type"], ["AWS API Call via CloudTrail"]);
    assert.deepEqual(pattern.detail.eventSource, ["ec2.amazonaws.com"]);
    assert.deepEqual(pattern.detail.eventName, [
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ]);
    const event = JSON.parse(await eventEditor(page).inputValue());
    assert.equal(event.detail.eventName, "AuthorizeSecurityGroupIngress");
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("another event name does not match, and changing it back matches", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const original = await eventEditor(page).inputValue();
    const edited = original.replace(
      '"eventName": "AuthorizeSecurityGroupIngress"',
      '"eventName": "DescribeInstances"',
    );
    assert.notEqual(edited, original);
    await eventEditor(page).fill(edited);
    await assert.doesNotReject(
      page.getByRole("region", { name: "Result" }).getByText("No match", { exact: true }).waitFor(),
    );
    assert.equal(await verdictOf(page).textContent(), "No match");
    await eventEditor(page).fill(original);
    await page.getByRole("region", { name: "Result" }).getByText("Match", { exact: true }).waitFor();
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("broken pattern JSON names its line and column, and fixing it recovers", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const original = await patternEditor(page).inputValue();
    const lines = original.split("\n");
    // Line 4 is `    "eventSource": [...]`; unquoting the key breaks the
    // JSON at its first letter, the fifth character of the line.
    assert.match(lines[3], /^ {4}"eventSource": /);
    lines[3] = lines[3].replace('"eventSource"', "eventSource");
    await patternEditor(page).fill(lines.join("\n"));

    const error = page.locator("#pattern-editor-error");
    await error.waitFor();
    assert.equal(
      await error.locator(".problem-message").textContent(),
      "Unexpected character ('e' (code 101)): was expecting double-quote to start field name at line 4, column 5",
    );
    assert.equal(await patternEditor(page).getAttribute("aria-invalid"), "true");
    assert.equal(await verdictOf(page).textContent(), "Fix the event pattern to see a result");
    assert.equal(
      await page.locator("#rule-output").textContent(),
      "The rule needs a valid event pattern: fix the errors above.",
    );

    await patternEditor(page).fill(original);
    await error.waitFor({ state: "detached" });
    assert.equal(await patternEditor(page).getAttribute("aria-invalid"), "false");
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("broken event JSON names its line and column, and never blanks the page", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await eventEditor(page).fill('{\n  "source": \n}');
    const error = page.locator("#event-editor-error .problem-message");
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      "Unexpected character ('}' (code 125)): expected a value at line 3, column 1",
    );
    assert.equal(await verdictOf(page).textContent(), "Fix the event to see a result");
    assert.equal(await page.getByRole("heading", { name: "Event Pattern Playground" }).count(), 1);

    await eventEditor(page).fill("");
    assert.equal(await error.textContent(), "No content to map due to end-of-input at line 1, column 1");
    await eventEditor(page).fill('"just a string"');
    assert.equal(
      await error.textContent(),
      "the event is a JSON string, not an object at line 1, column 1",
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a pattern of the wrong shape gets AWS's reason, its path and a hint", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await patternEditor(page).fill('{"source": "aws.ec2"}');
    const error = page.locator("#pattern-editor-error");
    await error.waitFor();
    assert.equal(
      await error.locator(".problem-message").textContent(),
      '"source" must be an object or an array at line 1, column 12',
    );
    assert.equal(await error.locator(".problem-path").textContent(), "In $.source");
    assert.equal(
      await error.locator(".problem-hint").textContent(),
      'Hint: put the value in an array: ["aws.ec2"]',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("content filters are matched, with AWS's semantics", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const pattern = JSON.parse(await patternEditor(page).inputValue());
    pattern.detail.eventName = [{ prefix: "Authorize" }];
    pattern.detail.sourceIPAddress = [{ cidr: "203.0.113.0/24" }];
    pattern.detail.requestParameters = { ipPermissions: { items: { fromPort: [{ numeric: [">=", 22, "<", 23] }] } } };
    await patternEditor(page).fill(JSON.stringify(pattern, null, 2));
    await page.getByRole("region", { name: "Result" }).getByText("Match", { exact: true }).waitFor();
    pattern.detail.eventName = [{ "anything-but": { prefix: "Authorize" } }];
    await patternEditor(page).fill(JSON.stringify(pattern, null, 2));
    await page.getByRole("region", { name: "Result" }).getByText("No match", { exact: true }).waitFor();
    assert.equal(await verdictOf(page).textContent(), "No match");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an AWS-invalid filter shows AWS's reason, the path and a hint", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await patternEditor(page).fill('{\n  "detail": {\n    "state": [{"anything-but": {"prefix": ""}}]\n  }\n}');
    const error = page.locator("#pattern-editor-error");
    await error.waitFor();
    assert.equal(
      await error.locator(".problem-message").textContent(),
      "Null prefix/suffix not allowed at line 3, column 43",
    );
    assert.equal(await error.locator(".problem-path").textContent(), 'In $.detail.state[0].anything-but.prefix');
    assert.match(await error.locator(".problem-hint").textContent(), /^Hint: /);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("100,000 levels of nesting in the Event editor get an error, not a crash", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await eventEditor(page).fill("[".repeat(100_000) + "]".repeat(100_000));
    const message = page.locator("#event-editor-error .problem-message");
    await message.waitFor();
    assert.equal(
      await message.textContent(),
      "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`) at line 1, column 1001",
    );
    // The app still answers: fixing the text brings the verdict back.
    await eventEditor(page).fill('{"detail-type": "AWS API Call via CloudTrail"}');
    await message.waitFor({ state: "detached" });
    assert.equal(await verdictOf(page).textContent(), "No match");
    assert.equal(await page.locator("#fatal").isHidden(), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("deep patterns get an error, not a crash", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const message = page.locator("#pattern-editor-error .problem-message");
    // 200 nested objects fit in AWS's 4096 characters and pass the depth limit.
    await patternEditor(page).fill('{"a":'.repeat(200) + "[1]" + "}".repeat(200));
    await message.waitFor();
    assert.equal(
      await message.textContent(),
      "Document nesting depth (129) exceeds the maximum allowed (128, from `StreamReadConstraints.getMaxNestingDepth()`) at line 1, column 641",
    );
    // 100,000 levels are first of all too long for AWS.
    await patternEditor(page).fill("[".repeat(100_000) + "]".repeat(100_000));
    await page.getByText("Event pattern is too long: 200000 characters, more than the 4096 allowed at line 1, column 4097").waitFor();
    await patternEditor(page).fill('{"detail-type": ["AWS API Call via CloudTrail"]}');
    await message.waitFor({ state: "detached" });
    assert.equal(await verdictOf(page).textContent(), "Match");
    assert.equal(await page.locator("#fatal").isHidden(), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a failing check explains why, and clicking it selects its part of the pattern", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const original = await eventEditor(page).inputValue();
    await eventEditor(page).fill(
      original.replace('"eventName": "AuthorizeSecurityGroupIngress"', '"eventName": "DescribeInstances"'),
    );
    await page.getByText("Why it does not match").waitFor();
    const failed = page.getByRole("button", { name: /^detail\.eventName: none of the 6 conditions matches "DescribeInstances"$/ });
    await failed.waitFor();
    await failed.click();
    const patternText = await patternEditor(page).inputValue();
    const selection = await patternEditor(page).evaluate((el) => [el.selectionStart, el.selectionEnd]);
    // The key "eventName" in the pattern, quotes included.
    const start = patternText.indexOf('"eventName"');
    assert.deepEqual(selection, [start, start + '"eventName"'.length]);
    assert.equal(await page.evaluate(() => document.activeElement.id), "pattern-editor");
    // The event editor selects the value that was compared.
    const eventText = await eventEditor(page).inputValue();
    const eventSelection = await eventEditor(page).evaluate((el) => [el.selectionStart, el.selectionEnd]);
    assert.equal(eventText.slice(...eventSelection), '"DescribeInstances"');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a condition's reason and selection, with text before it that is not ASCII", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const pattern = '{\n  "detail-type": ["AWS API Call via CloudTrail"],\n  "détail😀": ["x"],\n  "detail": {"eventSource": [{"prefix": "s3."}]}\n}';
    await patternEditor(page).fill(pattern);
    const failed = page.getByRole("button", { name: 'detail.eventSource: expected a string starting with "s3.", got "ec2.amazonaws.com"' });
    await failed.click();
    const selection = await patternEditor(page).evaluate((el) => [el.selectionStart, el.selectionEnd]);
    // Offsets count UTF-16 units, as the browser does.
    assert.deepEqual(pattern.slice(...selection), '"eventSource"');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("lints appear under the pattern editor", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await patternEditor(page).fill('{"source": ["aws.EC2"], "detail": {"count": ["5"]}}');
    const lints = page.getByRole("list", { name: "Lints" });
    await lints.waitFor();
    assert.deepEqual(await lints.getByRole("listitem").allTextContents(), [
      'Warning: "aws.EC2" is not a source AWS sends; it is close to "aws.ec2" Fix: write "aws.ec2"',
      'Note: "5" is a string: it never matches the number 5 Fix: if the event has a number, write 5 without quotes',
    ]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the API JSON export's EventPattern string parses back to the pattern", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    const exported = () => page.getByRole("tabpanel").getByLabel("API JSON export");
    assert.equal(await page.getByRole("tab", { name: "API JSON" }).getAttribute("aria-selected"), "true");
    const rule = JSON.parse(await exported().textContent()).PutRule;
    assert.deepEqual(Object.keys(rule), ["Name", "EventPattern", "State"]);
    assert.equal(rule.Name, "detect-security-group-changes");
    assert.equal(rule.State, "ENABLED");
    assert.equal(typeof rule.EventPattern, "string");
    const pattern = JSON.parse(await patternEditor(page).inputValue());
    assert.deepEqual(JSON.parse(rule.EventPattern), pattern);

    // It follows edits to the pattern and to the name.
    const edited = { source: ["aws.ec2"], detail: { count: [1e2, 0.5], ok: [true, null] } };
    await patternEditor(page).fill(JSON.stringify(edited, null, 2));
    await page.getByLabel("Rule name").fill("ec2.counts_v2");
    const updated = JSON.parse(await exported().textContent()).PutRule;
    assert.equal(updated.Name, "ec2.counts_v2");
    assert.deepEqual(JSON.parse(updated.EventPattern), edited);

    await page.getByLabel("Rule name").fill("two words");
    assert.match(
      await page.locator("#rule-output").textContent(),
      /^1 validation error detected: Value 'two words' at 'name' failed to satisfy constraint: /,
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("Copy puts the export on the clipboard", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: env.server.url.replace(/\/$/, ""),
    });
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await page.getByText("Copied", { exact: true }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.getByLabel("API JSON export").textContent());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a full-page screenshot is written to the test output folder", async () => {
    const { context, page } = await openPlayground(env.browser, env.server.url, {
      viewport: { width: 1280, height: 900 },
    });
    const file = join(await ensureOutputDir(), "playground.png");
    await page.screenshot({ path: file, fullPage: true });
    const bytes = await readFile(file);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok((await stat(file)).size > 10_000, "the screenshot has content");
    await context.close();
  });
});
