// Debian's Chromium, headless, driven by playwright-core: how the browser test and the
// explorer benchmark (benches/explorer.mjs) start it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** The flags every test of a page passes: no sandbox (root in CI), no GPU, and nothing that
 * reaches for the network in the background. */
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser context in a fresh profile, and a function that closes it and removes the profile. */
export async function launch({ width = 1400, height = 860 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "newsgraph-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
