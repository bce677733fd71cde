// A finished page for everyone: no axe violations, a sensible Tab order
// with visible focus, a layout that fits a phone, light and dark themes,
// keyboard shortcuts with their help dialog, and smooth typing next to a
// 1 MB event.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import {
  eventEditor,
  openPlayground,
  patternEditor,
  servePlayground,
  verdictOf,
} from "./harness.mjs";

const env = servePlayground();


/** axe's violations on the page as it is, as "rule: target" lines. */
async function violations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary?.split("\n")[1]?.trim()})`),
  );
}

describe("accessibility", () => {
  for (const scheme of ["light", "dark"]) {
    test(`axe finds no violations in the main states (${scheme})`, async () => {
      const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
        colorScheme: scheme,
      });
      assert.deepEqual(await violations(page), [], "the first view");

      await patternEditor(page).fill('{"source": ["aws.ec2"], "detail": {"eventName": [{"prefix": "Describe"}]}}');
      await page.getByRole("region", { name: "Result" }).getByText("No match", { exact: true }).waitFor();
      await page.getByRole("list", { name: "Events" }).getByText("Why?").first().click();
      assert.deepEqual(await violations(page), [], "a miss, explained");

      await patternEditor(page).fill('{"source": ["aws.ec2"');
      await page.locator("#pattern-editor-error").waitFor();
      assert.deepEqual(await violations(page), [], "a pattern error");

      await page.getByRole("button", { name: "Load every sample" }).click();
      await page.getByRole("tab", { name: "Terraform", exact: true }).click();
      await page.getByLabel("Schedule expression").fill("cron(0 12 ? * MON-FRI *)");
      assert.deepEqual(await violations(page), [], "every sample, the matrix, a schedule and an export");

      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      assert.deepEqual(await violations(page), [], "the help dialog");
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test("Tab reaches every control in document order, each with a visible focus ring", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    // Every control a keyboard user should reach, in document order.
    const expected = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, select, textarea, summary, a[href], [tabindex]")]
        .filter((el) => !el.disabled && el.tabIndex >= 0 && !el.closest("dialog:not([open])"))
        .filter((el) => el.checkVisibility())
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.ok(expected.length > 40, `${expected.length} controls`);
    const reached = [];
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        // A hidden file input shows its focus on its label.
        const shown = el.classList.contains("visually-hidden") ? el.closest("label") : el;
        const style = getComputedStyle(shown);
        return {
          html: el.outerHTML.slice(0, 120),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      reached.push(focused.html);
      if (focused.html.startsWith("<body")) break;
      assert.ok(focused.ring, `no visible focus on ${focused.html}`);
    }
    // Inside the editors, Tab must not be trapped: it moves on, in order.
    assert.deepEqual(reached, expected);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("no horizontal scrolling at 375 px wide", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
      viewport: { width: 375, height: 800 },
    });
    await page.getByRole("button", { name: "Load every sample" }).click();
    await page.getByRole("list", { name: "Events" }).getByText("Why?").first().click();
    for (const tab of ["Terraform", "CloudFormation (YAML)", "AWS CLI"]) {
      await page.getByRole("tab", { name: tab, exact: true }).click();
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        view: window.innerWidth,
      }));
      assert.ok(widths.page <= widths.view && widths.body <= widths.view, `${tab}: ${JSON.stringify(widths)}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the theme follows the system's light or dark setting", async () => {
    const colors = {};
    for (const scheme of ["light", "dark"]) {
      const { context, page } = await openPlayground(env.browser, env.server.url, { colorScheme: scheme });
      colors[scheme] = await page.evaluate(() => {
        const of = (el) => {
          const style = getComputedStyle(el);
          return { background: style.backgroundColor, color: style.color };
        };
        return {
          body: of(document.body),
          editor: of(document.querySelector(".editor")),
          button: of(document.querySelector("#app button")),
        };
      });
      await context.close();
    }
    assert.deepEqual(colors.light.body, { background: "rgb(247, 247, 245)", color: "rgb(28, 27, 25)" });
    assert.deepEqual(colors.dark.body, { background: "rgb(22, 21, 19)", color: "rgb(236, 233, 227)" });
    assert.deepEqual(colors.light.button, { background: "rgb(194, 65, 12)", color: "rgb(255, 255, 255)" });
    assert.deepEqual(colors.dark.button, { background: "rgb(251, 146, 60)", color: "rgb(28, 27, 25)" });
    assert.deepEqual(colors.light.editor, { background: "rgb(255, 255, 255)", color: "rgb(28, 27, 25)" });
    assert.deepEqual(colors.dark.editor, { background: "rgb(32, 31, 28)", color: "rgb(236, 233, 227)" });
  });
});

describe("keyboard shortcuts", () => {
  test("Alt+Shift+F formats, Alt+Shift+S shares, Shift+? lists them", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await patternEditor(page).fill('{"source":["aws.ec2"],"detail":{"n":[1.50]}}');
    await patternEditor(page).press("Alt+Shift+F");
    await page.waitForFunction(
      () => document.querySelector("textarea#pattern-editor").value.includes("\n"),
    );
    assert.equal(
      await patternEditor(page).inputValue(),
      '{\n  "source": ["aws.ec2"],\n  "detail": {\n    "n": [1.50]\n  }\n}\n',
    );

    await patternEditor(page).press("Alt+Shift+S");
    await page.locator(".workspace-notice").getByText(/^Link copied/).waitFor();
    assert.match(page.url(), /#share=1\./);

    // In a text field, "?" is just a character.
    await patternEditor(page).press("End");
    await patternEditor(page).press("Shift+?");
    assert.equal(await page.getByRole("dialog").count(), 0);
    assert.ok((await patternEditor(page).inputValue()).endsWith("}\n?"));

    await page.getByRole("heading", { name: "Event Pattern Playground" }).click();
    await page.keyboard.press("Shift+?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await dialog.waitFor();
    assert.deepEqual(await dialog.getByRole("row").allInnerTexts(), [
      "Keys\tWhat they do",
      "Alt+Shift+F\tFormat the event pattern",
      "Alt+Shift+S\tShare: put the workspace in a link and copy it",
      "Shift+?\tShow these shortcuts (outside text fields)",
    ]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("responsiveness", () => {
  test("with a 1 MB event, typing in the pattern has no task over 50 ms", async () => {
    const { context, page, problems } = await openPlayground(env.browser, env.server.url);
    // A realistic 1 MB event: an envelope whose detail holds many records.
    const records = Array.from({ length: 7000 }, (_, i) => ({
      id: `r-${i}`,
      state: i % 3 ? "running" : "stopped",
      size: i * 7,
      tags: { team: `team-${i % 17}`, env: "prod" },
    }));
    const big = JSON.stringify(
      {
        version: "0",
        id: "7bf73129-1428-4cd3-a780-95db273d1602",
        "detail-type": "Inventory",
        source: "my.inventory",
        account: "123456789012",
        time: "2025-01-01T00:00:00Z",
        region: "us-east-1",
        resources: [],
        detail: { records },
      },
      null,
      1,
    );
    assert.ok(big.length > 900_000 && big.length < 1_000_000, `${big.length} bytes`);
    // As a paste ends: the new value, then an input event. (Playwright's
    // fill() edits 1 MB through the browser's editing commands, which takes
    // longer than this test's timeout by itself.)
    await eventEditor(page).evaluate((area, text) => {
      area.value = text;
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }, big);
    await patternEditor(page).fill('{"source": ["my.inventory"]}');
    await page.getByRole("region", { name: "Result" }).getByText("Match", { exact: true }).waitFor();
    await page.waitForTimeout(1000);

    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
      }).observe({ type: "longtask" });
    });
    await patternEditor(page).click();
    await patternEditor(page).press("End");
    for (const key of [..."xyz", "Backspace", "Backspace", "Backspace"]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(60);
    }
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(', "detail-type": ["Inventory"]', { delay: 40 });
    await page.waitForTimeout(500);
    assert.equal(
      await patternEditor(page).inputValue(),
      '{"source": ["my.inventory"], "detail-type": ["Inventory"]}',
    );
    assert.equal(await verdictOf(page).textContent(), "Match");
    const longTasks = await page.evaluate(() => window.longTasks);
    assert.deepEqual(longTasks.filter((ms) => ms > 50), [], `long tasks: ${longTasks}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
