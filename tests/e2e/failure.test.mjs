// How the page fails: a paste too large is refused before the app sees it;
// a panic or a WebAssembly trap shows a banner that reloads with the saved
// work; user text is never read as HTML.

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


describe("a paste too large", () => {
  test("20 MB is refused with its size before the app sees it, and the page stays responsive", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const before = await eventEditor(page).inputValue();
    // The app's input handler must never run: count the text crossing into
    // WebAssembly through the editor's input events.
    await page.evaluate(() =>
      navigator.clipboard.writeText('{"source": "' + "x".repeat(20 * 1024 * 1024) + '"}'),
    );
    await eventEditor(page).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+V");
    const refusal = page.locator("#too-large");
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute("role"), "alert");
    assert.equal(
      await page.locator("#too-large-text").textContent(),
      "This text is 20.0 MB: the playground takes at most 4.0 MB per field (an EventBridge event is at most 1 MB). Nothing was changed.",
    );
    assert.equal(await eventEditor(page).inputValue(), before, "nothing changed");
    const saved = await page.evaluate(() => localStorage.getItem("evpat.workspace.events"));
    assert.ok(saved === null || saved.length < 100_000, "the paste was not saved either");

    // Responsive: an edit right after is evaluated at once.
    await patternEditor(page).fill('{"source": ["aws.s3"]}');
    await page.getByRole("region", { name: "Result" }).getByText("No match", { exact: true }).waitFor();
    await refusal.getByRole("button", { name: "Close" }).click();
    assert.equal(await refusal.isHidden(), true);

    // Text set without a paste (a script, autofill) is put back as well.
    await eventEditor(page).evaluate((area) => {
      area.value = "y".repeat(5 * 1024 * 1024);
      area.dispatchEvent(new InputEvent("input", { bubbles: true }));
    });
    await refusal.waitFor();
    assert.match(await page.locator("#too-large-text").textContent(), /^This text is 5\.0 MB/);
    assert.equal(await eventEditor(page).inputValue(), before);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("a failure inside the app", () => {
  for (const kind of ["panic", "overflow"]) {
    test(`a ${kind} shows the banner, and "Reload with my work" brings the work back`, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
      await page.goto(env.server.url);
      await verdictOf(page).waitFor();
      await patternEditor(page).fill('{"source": ["saved.before.the.failure"]}');
      await page.getByRole("button", { name: "Add event" }).click();
      const banner = page.locator("#fatal");
      assert.equal(await banner.isHidden(), true);

      // As a failure in an event handler would: uncaught, after the fact.
      await page.evaluate((kind) => setTimeout(() => window.wasmBindings.evpat_fault(kind)), kind);
      await banner.waitFor();
      assert.equal(await banner.getAttribute("role"), "alert");
      assert.match(await banner.textContent(), /Your work up\s+to the error was saved in this browser\./);
      assert.equal(errors.length >= 1, true);
      assert.match(
        errors.join("\n"),
        // A panic aborts (panic = "abort"); overflowing the stack traps,
        // in the engine's stack or in the shadow stack in linear memory.
        kind === "panic"
          ? /RuntimeError: unreachable/
          : /RangeError: Maximum call stack size exceeded|RuntimeError: memory access out of bounds/,
      );

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        banner.getByRole("button", { name: "Save my work as a file" }).click(),
      ]);
      const file = JSON.parse(await readFile(await download.path(), "utf8"));
      assert.equal(file.format, "evpat-workspace");
      assert.equal(file.rules[0].eventPattern, '{"source": ["saved.before.the.failure"]}');
      assert.equal(file.events.length, 2);

      await banner.getByRole("button", { name: "Reload with my work" }).click();
      await page.waitForLoadState("load");
      await verdictOf(page).waitFor();
      assert.equal(await patternEditor(page).inputValue(), '{"source": ["saved.before.the.failure"]}');
      assert.equal(await page.getByRole("list", { name: "Events" }).getByRole("listitem").count(), 2);
      assert.equal(await page.locator("#fatal").isHidden(), true);
      await context.close();
    });
  }
});

describe("an event too costly to decide", () => {
  test("says there is no answer, and why, instead of a verdict", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    // Three fields spelled nested (9 elements) and dotted (50 values each):
    // 59³ combinations, past the 100,000 the consistency search may try.
    const ones = Array(50).fill(1);
    const event = {
      id: "1",
      "detail-type": "Inventory Report",
      source: "com.example.inventory",
      account: "123456789012",
      time: "2024-05-01T12:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: {
        a: Array(9).fill({ x: 1, y: 1, z: 1 }),
        "a.x": ones,
        "a.y": ones,
        "a.z": ones,
      },
    };
    await eventEditor(page).fill(JSON.stringify(event, null, 2));
    const exists = '[{"exists": true}]';
    await patternEditor(page).fill(
      `{"detail": {"a": {"x": ${exists}, "y": ${exists}, "z": ${exists}}}}`,
    );
    const result = page.getByRole("region", { name: "Result" });
    await result.getByText("Cannot decide: see the explanation", { exact: true }).waitFor();
    assert.equal(await verdictOf(page).textContent(), "Cannot decide: see the explanation");
    const why = page.locator("#why .explanation");
    assert.equal(await why.locator("summary").textContent(), "Why there is no answer");
    assert.match(
      await why.getByRole("list", { name: "Explanation" }).textContent(),
      /cannot decide array consistency at detail\.a\.x: .* come to 205379 combinations, more than the 100000 allowed/,
    );
    // Its matrix cell is an error, not a verdict.
    const cells = page.getByRole("region", { name: "Rules × events" }).getByRole("link", { name: /: Error$/ });
    assert.equal(await cells.count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("user text is never HTML", () => {
  test("script and img-onerror payloads in every input stay text", async () => {
    const { context, page } = await openPlayground(env.browser, env.server.url);
    const dialogs = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const payloads = [
      '<script>window.__xss = "script"</script>',
      '<img src="x" onerror="window.__xss = \'img\'; alert(1)">',
    ];
    for (const payload of payloads) {
      const quoted = JSON.stringify(payload);
      await patternEditor(page).fill(`{"source": [${quoted}], ${quoted}: [1]}`);
      await eventEditor(page).fill(`{"source": ${quoted}, "detail": {${quoted}: ${quoted}}}`);
      await page.getByLabel("Rule name").fill(payload);
      await page.getByLabel("Description", { exact: true }).fill(payload);
      await page.getByLabel("Event bus").fill(payload);
      await page.getByLabel("Schedule expression").fill(payload);
      const names = page.getByRole("list", { name: "Events" }).getByRole("textbox", { name: /^Name of event / });
      await names.first().fill(payload);
      if ((await page.getByRole("button", { name: "Remove target 1" }).count()) === 0) {
        await page.getByRole("button", { name: "Add target" }).click();
      }
      await page.getByLabel("Target 1 id").fill(payload);
      await page.getByLabel("Target 1 ARN").fill(payload);
      await page.getByLabel("Import", { exact: true }).fill(payload);
      await page.getByRole("button", { name: "Import rules" }).click();
      await page.getByLabel("Import workspace").setInputFiles({
        name: `${payload}.json`,
        mimeType: "application/json",
        buffer: Buffer.from(payload),
      });
      // Every view that shows the text: the explanation, the tree, the
      // matrix, the exports.
      await page.getByRole("list", { name: "Events" }).getByText("Why?").first().click();
      for (const tab of ["AWS CLI", "Terraform", "CloudFormation (YAML)", "Ruby Jets"]) {
        await page.getByRole("tab", { name: tab, exact: true }).click();
      }
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__xss), undefined, payload);
      assert.equal(await page.locator('img[src="x"]').count(), 0, payload);
      assert.equal(await page.locator("script:not([src]):not([type=module])").count(), 0, payload);
      // The text is there, as text.
      assert.ok((await page.locator("body").innerText()).includes(payload), payload);
    }
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
