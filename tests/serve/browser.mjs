// browser.mjs -- end-to-end test of the sayso web page in Debian's headless
// Chromium, driven by playwright-core: start `sayso serve` on a free loopback
// port, paste an article with emoji, click "Extract quotes", and check the
// highlighted quotes, cues, sources and speaker names against the API's own
// answer (code-point offsets sliced with Array.from), then keyboard use,
// labels, contrast, the phone layout, and (with a database) the search and
// speakers pages. Saves screenshots in $SAYSO_SCREENSHOTS (default
// build/screenshots). Ends with "N passed, M failed"; exit 1 on failure.
//
//   node tests/serve/browser.mjs path/to/sayso [--db FILE.db]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const SAYSO = resolve(process.argv[2] || 'build/sayso');
const dbIdx = process.argv.indexOf('--db');
const DB = dbIdx > 0 ? process.argv[dbIdx + 1] : null;
const SHOTS = resolve(process.env.SAYSO_SCREENSHOTS || 'build/screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = (process.env.SAYSO_SERVE_FLAGS || '').split(/\s+/).filter(Boolean);
const ARTICLE = readFileSync(join(HERE, 'article.txt'), 'utf8');

let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) passed++;
  else { failed++; console.error(`FAIL: ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
}

// Start the server; resolve with {proc, base} once it prints its address.
function startServer(extra) {
  const args = ['serve', '--port', '0', '--bind', '127.0.0.1', '--threads', '2', ...FLAGS, ...extra];
  const proc = spawn(SAYSO, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error('server did not start: ' + log)), 60000);
    proc.stderr.on('data', (d) => {
      log += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (m) { clearTimeout(timer); ok({ proc, base: m[1] }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${log}`)); });
  });
}

function stopServer(proc) {
  return new Promise((ok) => {
    proc.removeAllListeners('exit');
    proc.on('exit', (code, sig) => ok(code === 0 ? 0 : code ?? sig));
    proc.kill('SIGTERM');
  });
}

// What the page must show, computed from the API's answer independently.
async function expected(base, text) {
  const rsp = await fetch(base + '/v1/extract', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'page', text }),
  });
  const doc = await rsp.json();
  const cps = Array.from(text);
  const cut = (role) => (role ? role.spans.map(([s, e]) => cps.slice(s, e).join('')).join('') : '');
  return doc.quotes.map((q) => ({
    content: cut(q.content), cue: cut(q.cue), source: cut(q.source),
    speaker: q.speaker ? q.speaker.name : q.source ? q.source.text : 'No source named',
  }));
}

// WCAG contrast ratio of two "rgb(r, g, b)" colours.
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function testExtract(page, base) {
  const want = await expected(base, ARTICLE);
  check('the article has quotes', want.length >= 5, want.length);
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]');
  await page.getByLabel('Article text').fill(ARTICLE);
  await page.getByRole('button', { name: 'Extract quotes' }).click();
  await page.waitForSelector('#results:not([hidden])');
  const got = await page.evaluate((n) => {
    const txt = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent).join('');
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push({
        content: txt(`#doc mark.q[data-q="${i}"]`), cue: txt(`#doc .cue[data-q="${i}"]`),
        source: txt(`#doc .src[data-q="${i}"]`),
      });
    }
    return { quotes: out, doc: document.querySelector('#doc').textContent, marks: document.querySelectorAll('#doc mark.q').length };
  }, want.length);
  check('the article text is shown unchanged', got.doc === ARTICLE);
  want.forEach((w, i) => {
    check(`quote ${i + 1} highlighted exactly`, got.quotes[i].content === w.content, [got.quotes[i].content, w.content]);
    check(`quote ${i + 1} cue underlined`, got.quotes[i].cue === w.cue, [got.quotes[i].cue, w.cue]);
    check(`quote ${i + 1} source underlined`, got.quotes[i].source === w.source, [got.quotes[i].source, w.source]);
  });
  // Hand-checked anchors: emoji (two UTF-16 units) before and inside quotes.
  const all = got.quotes.map((q) => q.content);
  check('a quote ends with its emoji', all.some((c) => c.endsWith('unpack them. 🎉"')), all);
  check('the mayor is quoted', all.some((c) => c.startsWith('"People on the island')), all);
  const status = await page.locator('#extract-status').textContent();
  check('status counts the quotes', status.startsWith(`${want.length} quote`), status);

  const names = await page.locator('#speaker-list .name').allTextContents();
  for (const w of want) check(`speaker "${w.speaker}" listed`, names.includes(w.speaker), names);
  for (const who of ['Solberg', 'Van Aalst', 'Reyes']) check(`speaker panel names ${who}`, names.some((n) => n.includes(who)), names);
  const counts = await page.locator('#speaker-list .count').allTextContents();
  const total = counts.reduce((a, c) => a + parseInt(c, 10), 0);
  check('speaker quote counts add up', total === want.length, counts);

  // Quotes of one speaker share one colour, different speakers differ.
  const colours = await page.evaluate(() => [...document.querySelectorAll('#doc mark.q')].map((m) => [m.dataset.sp, getComputedStyle(m).backgroundColor]));
  const bySp = new Map();
  for (const [sp, c] of colours) bySp.set(sp, (bySp.get(sp) || new Set()).add(c));
  check('one colour per speaker', [...bySp.values()].every((s) => s.size === 1));
  check('speakers have different colours', new Set([...bySp.values()].map((s) => [...s][0])).size === Math.min(bySp.size, 12));

  // Contrast of highlighted text, and of the page's own text.
  const pairs = await page.evaluate(() => [...document.querySelectorAll('#doc mark.q, .top nav a, button, label, .help')].map((e) => {
    let bg = 'rgba(0, 0, 0, 0)';
    for (let n = e; n && /rgba\(.*, 0\)|transparent/.test(bg); n = n.parentElement) bg = getComputedStyle(n).backgroundColor;
    return [getComputedStyle(e).color, /rgba\(.*, 0\)|transparent/.test(bg) ? 'rgb(255, 255, 255)' : bg, e.tagName];
  }));
  const low = pairs.filter(([fg, bg]) => contrast(fg, bg) < 4.5);
  check('text contrast at least 4.5:1', low.length === 0, low.slice(0, 3));

  await page.screenshot({ path: join(SHOTS, 'extract.png'), fullPage: true });
}

// A source naming two people: the list shows the second with the first,
// and the speaker panel lists both, each with the quote.
async function testCoSpeakers(page) {
  await page.getByLabel('Article text').fill('Anna Berg and Tom Lund said the ferry fares would rise by a third.');
  await page.getByRole('button', { name: 'Extract quotes' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#quote-list > li').length === 1);
  const who = await page.locator('#quote-list > li .who').first().textContent();
  check('co-speaker listed with the speaker', who === 'Anna Berg with Tom Lund', who);
  const names = await page.locator('#speaker-list .name').allTextContents();
  const counts = await page.locator('#speaker-list .count').allTextContents();
  check('speaker panel lists the co-speaker with the shared quote', names.join('|') === 'Anna Berg|Tom Lund' && counts.join('|') === '1 quote|1 quote', [names, counts]);
  await page.locator('#speaker-list .speaker').nth(1).click();
  const lit = await page.evaluate(() => [...document.querySelectorAll('#doc mark.q')].every((m) => m.classList.contains('pick')));
  check("picking the co-speaker picks the quote", lit);
  await page.locator('#speaker-list .speaker').nth(1).click();
}

async function testKeyboardAndA11y(page) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')]
    .filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id));
  check('every form field has a label', unlabelled.length === 0, unlabelled);
  check('page has a language', (await page.getAttribute('html', 'lang')) === 'en');
  // Tabs with the keyboard: arrow right shows the list.
  await page.focus('#tab-article');
  await page.keyboard.press('ArrowRight');
  check('arrow key selects the list tab', (await page.getAttribute('#tab-list', 'aria-selected')) === 'true');
  check('list panel shown', await page.isVisible('#quote-list'));
  const items = await page.locator('#quote-list > li').count();
  const marks = await page.evaluate(() => new Set([...document.querySelectorAll('#doc mark.q')].map((m) => m.dataset.q)).size);
  check('list view has every quote', items === marks && items > 0, [items, marks]);
  await page.screenshot({ path: join(SHOTS, 'list.png'), fullPage: true });
  // "Show in article" (Enter on the focused button) jumps to the quote.
  await page.locator('#quote-list > li').nth(2).getByRole('button', { name: 'Show in article' }).focus();
  await page.keyboard.press('Enter');
  check('back on the article tab', (await page.getAttribute('#tab-article', 'aria-selected')) === 'true');
  check('third quote has focus', await page.evaluate(() => document.activeElement.id === 'q2'));
  check('focused quote is lit', await page.evaluate(() => document.activeElement.classList.contains('on')));
  // Pick one speaker with the keyboard: only their quotes stay highlighted.
  const btn = page.locator('#speaker-list .speaker').first();
  await btn.focus();
  await page.keyboard.press('Space');
  check('speaker button pressed', (await btn.getAttribute('aria-pressed')) === 'true');
  const picked = await page.evaluate(() => {
    const sp = document.querySelector('#speaker-list .speaker[aria-pressed="true"]').dataset.sp;
    const ms = [...document.querySelectorAll('#doc mark.q')];
    return ms.every((m) => m.classList.contains('pick') === (m.dataset.sp === sp)) && ms.some((m) => m.classList.contains('pick'));
  });
  check('only the picked speaker stays highlighted', picked);
  await page.keyboard.press('Space');
}

async function testPhone(ctx, base) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]');
  await page.getByRole('button', { name: 'Use a sample article' }).click();
  await page.getByRole('button', { name: 'Extract quotes' }).click();
  await page.waitForSelector('#results:not([hidden])');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('phone: no sideways scrolling', wide <= 390, wide);
  const sample = await page.locator('#doc mark.q').count();
  check('phone: sample article has highlighted quotes', sample >= 3, sample);
  await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
  await page.close();
}

async function testErrors(page, base) {
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]');
  await page.getByRole('button', { name: 'Extract quotes' }).click();
  const msg = await page.locator('#extract-status').textContent();
  check('empty article gives a message', /Paste an article/.test(msg), msg);
  check('the message is an alert', (await page.getAttribute('#extract-status', 'role')) === 'alert');
  check('no database: search hidden', !(await page.isVisible('nav a[href="#search"]')));
  // Upload: opening a text file fills the text box; CRLF line ends become LF.
  await page.setInputFiles('#file', { name: 'upload.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE.replace(/\n/g, '\r\n')) });
  await page.waitForFunction(() => /Opened upload\.txt/.test(document.querySelector('#extract-status').textContent));
  check('uploaded file fills the text box', (await page.inputValue('#article')) === ARTICLE);
  await page.getByRole('button', { name: 'Extract quotes' }).click();
  await page.waitForFunction(() => /quotes? from/.test(document.querySelector('#extract-status').textContent));
  check('uploaded article is extracted', (await page.locator('#doc mark.q').count()) > 0);
}

async function testDatabase(page, base) {
  await page.goto(base + '/#search');
  await page.waitForSelector('body[data-ready="1"]');
  check('search link shown', await page.isVisible('nav a[href="#search"]'));
  await page.getByLabel('Words in the quote').fill('doctor');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForFunction(() => /Quotes|No quotes/.test(document.querySelector('#search-status').textContent));
  const n = await page.locator('#search-results > li').count();
  check('search finds quotes', n >= 1, n);
  await page.screenshot({ path: join(SHOTS, 'search.png'), fullPage: true });
  // A quote said by two wardens: its report names both.
  await page.getByLabel('Words in the quote').fill('pier');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForFunction(() => /pier/.test(document.querySelector('#search-results').textContent));
  await page.locator('#search-results > li').first().getByRole('button').click();
  await page.waitForSelector('#cluster-list > li');
  const who = await page.locator('#cluster-list > li .who').first().textContent();
  check('a report names its co-speaker', who.startsWith('Maya Lind with Jonas Ek'), who);
  await page.goto(base + '/#speakers');
  await page.waitForSelector('#chart-top svg');
  const bars = await page.locator('#chart-top svg rect.bar').count();
  check('speakers chart has bars', bars >= 2, bars);
  check('gender chart drawn', (await page.locator('#chart-gender svg rect').count()) >= 3);
  await page.screenshot({ path: join(SHOTS, 'speakers.png'), fullPage: true });
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'sayso-chromium-'));
  const { proc, base } = await startServer([]);
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    await testExtract(page, base);
    await testKeyboardAndA11y(page);
    await testErrors(page, base);
    await testCoSpeakers(page);
    await testPhone(ctx, base);
    check('no console errors or CSP violations', problems.length === 0, problems);
    if (DB) {
      const db = await startServer(['--db', DB]);
      try { await testDatabase(page, db.base); } finally { check('db server stops cleanly', (await stopServer(db.proc)) === 0); }
    }
  } catch (e) {
    check('browser test ran to the end', false, String(e && e.stack || e));
  } finally {
    await ctx.close();
    check('server stops cleanly (exit 0)', (await stopServer(proc)) === 0);
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots in ${SHOTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
