// page.test.mjs — the storyline web page in a real browser: Debian's headless
// chromium driven by playwright-core, against `storyline serve` on 127.0.0.1
// with the sample corpus. Screenshots go to test-output/browser/.
//
//   SL_BIN=build/storyline node --test tests/browser/page.test.mjs
//
// The server is started here on a free port with a fresh store, and stopped
// at the end (it also stops by itself if this process dies: see below).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.resolve(root, process.env.SL_BIN || 'build/storyline');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.join(root, 'test-output', 'browser');
const token = 'browser-test-token-0123456789';

let dir, server, base, ctx, page;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    await sleep(100);
  }
  throw new Error('timed out waiting for ' + what + (last ? ': ' + last.message : ''));
}

async function getJSON(p) {
  const r = await fetch(base + p);
  assert.equal(r.status, 200, p);
  return r.json();
}

before(async () => {
  assert.ok(existsSync(bin), `no storyline binary at ${bin} (build it, or set SL_BIN)`);
  assert.ok(existsSync(chromiumPath), `no chromium at ${chromiumPath} (scripts/install-deps.sh installs it)`);
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'sl-browser-'));
  const db = path.join(dir, 's.db');
  execFileSync(bin, ['ingest', '--quiet', '--db', db, path.join(root, 'corpus')], { stdio: 'inherit' });
  writeFileSync(path.join(dir, 'token'), token + '\n');
  const portFile = path.join(dir, 'port');
  server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile,
    '--token-file', path.join(dir, 'token'), '--digest-delay', '100', '--heartbeat', '2'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
  const port = await waitFor('the server port', () => existsSync(portFile) && readFileSync(portFile, 'utf8').trim());
  base = `http://127.0.0.1:${port}`;
  await waitFor('digests of the corpus', async () => (await getJSON('/healthz')).digests_pending === 0, 30000);
  ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  page = ctx.pages()[0] || await ctx.newPage();
  /* everything the page loads must come from the server itself */
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(base) && !u.startsWith('data:')) throw new Error('request outside the server: ' + u);
  });
});

after(async () => {
  if (ctx) await ctx.close();
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    const code = await Promise.race([done, sleep(10000).then(() => 'timeout')]);
    if (code === 'timeout') server.kill('SIGKILL');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the front page lists the sample corpus stories', async () => {
  const api = await getJSON('/api/stories?limit=100');
  assert.ok(api.stories.length >= 8, 'the corpus makes at least 8 stories');
  await page.goto(base + '/');
  await page.waitForFunction((n) => document.querySelectorAll('.story-card').length === n, api.stories.length);
  const headlines = await page.$$eval('.story-card h2', (hs) => hs.map((x) => x.textContent.trim()));
  assert.deepEqual(headlines, api.stories.map((s) => s.headline));
  /* every card tells size, outlets, languages and time */
  const metas = await page.$$eval('.story-card .meta', (ms) => ms.map((m) => m.textContent));
  for (const m of metas) assert.match(m, /\d+ articles?.*\d+ outlets?/);
  assert.ok(await page.$('.story-card .langs abbr.lang'), 'language badges');
  assert.ok(await page.$('.story-card time[datetime]'), 'times');
  /* landmarks and labels */
  for (const sel of ['header', 'nav', 'main', 'footer', 'html[lang="en"]']) assert.ok(await page.$(sel), sel);
  const unlabelled = await page.$$eval('input:not([type=hidden]), select', (els) =>
    els.filter((e) => !(e.labels && e.labels.length)).map((e) => e.id || e.name));
  assert.deepEqual(unlabelled, []);
  await page.screenshot({ path: path.join(shots, 'front.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, 'front-phone.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'no sideways scrolling on a phone (' + overflow + ' px)');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a story page shows attributed sentences, the timeline, sources and the map', async () => {
  const api = await getJSON('/api/stories?limit=100');
  const big = api.stories.find((s) => s.articles >= 5 && s.n_outlets >= 3);
  assert.ok(big, 'a story with several outlets');
  await page.goto(base + '/');
  await page.click(`.story-card[data-story="${big.id}"] h2 a`);
  await page.waitForSelector('.summary-list li');
  assert.equal(new URL(page.url()).pathname, '/story/' + big.id);
  const sentences = await page.$$eval('.summary-list li', (lis) => lis.map((li) => ({
    text: li.querySelector('.text').textContent.trim(),
    attrib: li.querySelector('.attrib').textContent.trim(),
  })));
  assert.ok(sentences.length >= 2, 'a summary of several sentences');
  const outlets = new Set(big.outlets);
  for (const s of sentences) {
    assert.ok(s.text.length > 20, 'a real sentence');
    assert.ok([...outlets].some((o) => s.attrib.includes(o)), 'attributed to an outlet of the story: ' + s.attrib);
  }
  const tl = await page.$$eval('.timeline li', (lis) => lis.map((li) => li.querySelector('time').getAttribute('datetime')));
  assert.ok(tl.length >= 1, 'a timeline');
  const sorted = [...tl].sort();
  assert.deepEqual(tl, sorted, 'the timeline goes forward in time');
  const rows = await page.$$eval('table.sources tbody tr', (rs) => rs.length);
  assert.equal(rows, big.articles);
  assert.match(await page.textContent('#sources'), /wire/);
  assert.ok(await page.$('svg.map circle'), 'a map with places');
  const land = await page.$eval('svg.map path.land', (p) => (p.getAttribute('d').match(/[ML]/g) || []).length);
  assert.ok(land >= 10, 'the map draws the land around the places (' + land + ' points)');
  await page.screenshot({ path: path.join(shots, 'story.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, 'story-phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'no sideways scrolling on a phone (' + overflow + ' px)');
  await page.setViewportSize({ width: 1280, height: 900 });
});

/* Regression: every figure group that was not flagged said "Sources agree",
 * even "environ 2.300 personnes" beside "About 1,400 people" (groups of a
 * bare noun or a measure are never flagged, being too often two facts). */
test('a figure says "Sources agree" only when its values are one value', async () => {
  const api = await getJSON('/api/stories?limit=100');
  let checked = 0, mixed = 0;
  for (const st of api.stories) {
    const d = (await getJSON('/api/stories/' + st.id)).digest;
    if (!d || !d.figures || !d.figures.length) continue;
    await page.goto(base + '/story/' + st.id);
    await page.waitForSelector('#figures li.figure');
    const agree = await page.$$eval('#figures li.figure', (lis) => lis.map((li) => !!li.querySelector('.agree')));
    d.figures.slice(0, agree.length).forEach((f, i) => {
      const one = f.values.every((v) => v.value === f.values[0].value);
      if (!one) mixed++;
      if (agree[i]) assert.ok(one, `story ${st.id}, ${f.label}: "Sources agree" over ${f.values.map((v) => v.text).join(' / ')}`);
      checked++;
    });
  }
  assert.ok(checked >= 10 && mixed >= 1, `figures checked: ${checked}, with several values: ${mixed}`);
});

/* Regression (review4): a story whose first report is dated to the month
 * only ("2026-03") showed "1 Mar 2026" in its header: the page read the
 * listing's time, "2026-03-01T00:00:00Z", as a day. */
test('a story page shows a month-dated start as the month', async () => {
  const api = await getJSON('/api/stories?limit=100');
  let checked = 0;
  for (const st of api.stories) {
    const d = (await getJSON('/api/stories/' + st.id)).digest;
    if (!d || d.first_precision !== 'month') continue;
    await page.goto(base + '/story/' + st.id);
    await page.waitForSelector('.story-head .meta time');
    const first = await page.$eval('.story-head .meta time', (t) => t.textContent.trim());
    assert.match(first, /^[A-Z][a-z]+ \d{4}$/, `story ${st.id}: its start "${first}" is a month`);
    checked++;
  }
  assert.ok(checked >= 1, 'the corpus has a story that starts with a month-dated report');
});

/* Regression (review4): "Sources agree" stood over a figure carried only by
 * copies of one dispatch (story 9: "environ 120 milles nautiques" in three
 * outlets' copies of one AFP text): one text agrees with nothing. */
test('"Sources agree" needs two texts, not copies of one', async () => {
  const api = await getJSON('/api/stories?limit=100');
  let checked = 0;
  for (const st of api.stories) {
    const s = await getJSON('/api/stories/' + st.id);
    const d = s.digest;
    if (!d || !d.figures || !d.figures.length) continue;
    const group = new Map((s.members || []).map((m) => [m.id, m.copy_group || m.id]));
    await page.goto(base + '/story/' + st.id);
    await page.waitForSelector('#figures li.figure');
    const agree = await page.$$eval('#figures li.figure', (lis) => lis.map((li) => !!li.querySelector('.agree')));
    d.figures.slice(0, agree.length).forEach((f, i) => {
      const texts = new Set(f.values.flatMap((v) => v.sources.map((k) => group.get(d.sources[k].id))));
      if (agree[i]) assert.ok(texts.size >= 2, `story ${st.id}, ${f.label}: "Sources agree" over one text`);
      checked++;
    });
  }
  assert.ok(checked >= 10, 'figures checked: ' + checked);
});

test('search finds an article', async () => {
  await page.goto(base + '/');
  await page.fill('#q', 'Maison-Rouge');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#article-hits li');
  assert.equal(new URL(page.url()).pathname, '/search');
  const titles = await page.$$eval('#article-hits li h3', (hs) => hs.map((x) => x.textContent));
  assert.ok(titles.some((t) => /digue|Loire/i.test(t)), 'an article about the dike: ' + titles.join(' | '));
  assert.ok(await page.$('#article-hits mark'), 'the words found are marked');
  await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  const first = titles[0];
  await page.click('#article-hits li h3 a');
  await page.waitForSelector('.article-page h1');
  assert.equal((await page.textContent('.article-page h1')).trim(), first.trim());
  assert.ok((await page.$$('.article-text p')).length >= 2, 'the article text in paragraphs');
});

test('a posted article appears live on the front page', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('.story-card');
  await page.waitForSelector('#live[data-state="on"]');
  const before = await page.$$eval('.story-card', (c) => c.length);
  const headline = 'Séisme de magnitude 5,1 au large de Capri, aucune victime signalée';
  const r = await fetch(base + '/api/articles', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({
      id: 'browser-test/seisme-capri', source: 'Il Faro di Test', title: headline, lang: 'fr',
      date: new Date().toISOString(),
      text: 'Un séisme de magnitude 5,1 a été ressenti mardi matin au large de Capri, a indiqué l\'institut de géophysique.\n\n' +
        'Aucune victime ni aucun dégât important n\'ont été signalés, selon la protection civile.',
    }),
  });
  assert.equal(r.status, 201);
  const body = await r.json();
  assert.equal(body.articles[0].status, 'new');
  const card = await page.waitForSelector(`.story-card[data-story="${body.articles[0].story}"]`, { timeout: 10000 });
  assert.equal((await card.$eval('h2', (x) => x.textContent)).trim(), headline);
  assert.equal(await page.$$eval('.story-card', (c) => c.length), before + 1);
  assert.equal(new URL(page.url()).pathname, '/', 'no navigation happened');
  await page.screenshot({ path: path.join(shots, 'live.png') });
});
