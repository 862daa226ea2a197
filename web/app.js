/*
 * app.js — the storyline page: front page of stories, story pages, search,
 * article pages, and live updates from the server's event stream.
 *
 * Plain JavaScript, no framework and nothing loaded from elsewhere: the
 * page is one HTML file, this script and one stylesheet, all served by
 * `storyline serve`. Routes are real paths (/, /story/ID, /article/ID,
 * /search?q=) handled here with the History API, so links can be opened,
 * shared and reloaded. Text from the store is always put into the page as
 * text (textContent); only search snippets, which the server escapes and
 * marks up itself, are set as HTML.
 */
'use strict';

(() => {
  const view = document.getElementById('view');
  const announcer = document.getElementById('announce');

  /* ------------------------------------------------------------ helpers */

  /* h('a', {href: '/x', class: 'y'}, 'text', child...) → an element. */
  function h(tag, attrs, ...kids) {
    const ns = tag.startsWith('svg:') ? 'http://www.w3.org/2000/svg' : null;
    const el = ns ? document.createElementNS(ns, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'html') el.innerHTML = v; /* server-escaped snippets only */
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) {
      const err = body && body.error ? body.error : { code: 'http_' + r.status, message: r.statusText };
      throw new ApiError(r.status, err.code, err.message);
    }
    return body;
  }

  function announce(msg) {
    announcer.textContent = '';
    window.setTimeout(() => { announcer.textContent = msg; }, 50);
  }

  const LANGS = { fr: 'French', en: 'English', de: 'German', es: 'Spanish', it: 'Italian',
    nl: 'Dutch', pt: 'Portuguese', und: 'Unknown language' };
  const langName = (c) => LANGS[c] || c;
  const KINDS = [['person', 'People'], ['org', 'Organisations'], ['place', 'Places'], ['other', 'Other names']];

  const fmtDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const fmtMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const fmtTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

  /* ISO time (or the digest's shorter forms: 2026-03, 2026-03-14,
   * 2026-03-14T06:10Z) → Date, null if none. */
  function parseTime(s) {
    if (!s) return null;
    let t = s;
    if (/^\d{4}$/.test(t)) t += '-01-01';
    else if (/^\d{4}-\d{2}$/.test(t)) t += '-01';
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += 'T00:00:00Z';
    const d = new Date(t);
    return isNaN(d) ? null : d;
  }

  /* A time as people read it, by the precision known. */
  function showTime(s, precision) {
    const d = parseTime(s);
    if (!d) return '';
    if (precision === 'year' || /^\d{4}$/.test(s)) return String(d.getUTCFullYear());
    if (precision === 'month' || /^\d{4}-\d{2}$/.test(s)) return fmtMonth.format(d);
    if (precision === 'day' || /^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDay.format(d);
    if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return fmtDay.format(d);
    return fmtTime.format(d) + ' UTC';
  }

  function timeEl(s, precision, cls) {
    const text = showTime(s, precision);
    return text ? h('time', { datetime: s, class: cls }, text) : null;
  }

  /* "5 min ago" for the last day, then a date. */
  function ago(s) {
    const d = parseTime(s);
    if (!d) return '';
    const sec = (Date.now() - d.getTime()) / 1000;
    if (sec >= 0 && sec < 60) return 'just now';
    if (sec >= 0 && sec < 3600) return Math.round(sec / 60) + ' min ago';
    if (sec >= 0 && sec < 86400) return Math.round(sec / 3600) + ' h ago';
    return showTime(s);
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : (many || one + 's')); }

  /* "A, B and 3 more" */
  function names(list, total, max) {
    const shown = list.slice(0, max);
    const rest = (total || list.length) - shown.length;
    if (rest > 0) return shown.join(', ') + ' and ' + rest + ' more';
    if (shown.length <= 1) return shown.join('');
    return shown.slice(0, -1).join(', ') + ' and ' + shown[shown.length - 1];
  }

  function langBadges(langs) {
    return h('span', { class: 'langs' }, langs.map((l) =>
      h('abbr', { class: 'lang', title: langName(l) }, l.toUpperCase())));
  }

  function setTitle(t) { document.title = t ? t + ' — storyline' : 'storyline — the news as stories'; }

  function busy(on) { view.setAttribute('aria-busy', on ? 'true' : 'false'); }

  function showError(e, what) {
    busy(false);
    const msg = e instanceof ApiError ? e.message : 'The server could not be reached.';
    view.replaceChildren(h('div', { class: 'notice error', role: 'alert' },
      h('h1', { text: what }), h('p', { text: msg }), h('p', {}, h('a', { href: '/' }, 'Back to the stories'))));
  }

  /* ------------------------------------------------------------ routing */

  let current = { name: '', id: null, refresh: null };

  function route() {
    const p = location.pathname;
    const params = new URLSearchParams(location.search);
    if (p.startsWith('/story/')) return showStory(decodeURIComponent(p.slice(7)));
    if (p.startsWith('/article/')) return showArticle(decodeURIComponent(p.slice(9)));
    if (p === '/search') return showSearch(params.get('q') || '');
    return showFront(params);
  }

  function navigate(url, replace) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    route();
    window.scrollTo(0, 0);
  }

  const appPath = (p) => p === '/' || p === '/search' || p.startsWith('/story/') || p.startsWith('/article/');

  document.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.origin !== location.origin || a.target || !appPath(a.pathname)) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
    document.getElementById('main').focus({ preventScroll: true });
  });
  window.addEventListener('popstate', route);

  /* ------------------------------------------------------------ filters */

  const filterForm = document.getElementById('filters');
  const searchForm = document.getElementById('search-form');
  const FILTERS = ['lang', 'outlet', 'since', 'entity'];

  function filtersFrom(params) {
    const f = {};
    for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
    return f;
  }

  function syncForm(f) {
    for (const k of FILTERS) {
      const el = filterForm.elements[k];
      if (el.tagName === 'SELECT' && f[k] && ![...el.options].some((o) => o.value === f[k]))
        el.append(h('option', { value: f[k] }, f[k]));
      el.value = f[k] || '';
    }
  }

  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of FILTERS) {
      const v = filterForm.elements[k].value.trim();
      if (v) p.set(k, v);
    }
    const qs = p.toString();
    navigate('/' + (qs ? '?' + qs : ''));
  });
  filterForm.addEventListener('reset', () => { window.setTimeout(() => navigate('/'), 0); });

  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = searchForm.elements.q.value.trim();
    if (q) navigate('/search?q=' + encodeURIComponent(q));
  });

  async function loadFacets() {
    try {
      const f = await api('/api/facets');
      const lang = filterForm.elements.lang, outlet = filterForm.elements.outlet;
      const keepL = lang.value, keepO = outlet.value;
      lang.replaceChildren(h('option', { value: '' }, 'All'),
        f.languages.map((l) => h('option', { value: l.code }, langName(l.code) + ' (' + l.articles + ')')));
      outlet.replaceChildren(h('option', { value: '' }, 'All'),
        f.outlets.map((o) => h('option', { value: o.name }, o.name)));
      lang.value = keepL;
      outlet.value = keepO;
    } catch (e) { /* the filters stay as they are */ }
  }

  let entityTimer = 0;
  filterForm.elements.entity.addEventListener('input', (e) => {
    window.clearTimeout(entityTimer);
    const q = e.target.value.trim();
    entityTimer = window.setTimeout(async () => {
      try {
        const r = await api('/api/entities?limit=12' + (q ? '&q=' + encodeURIComponent(q) : ''));
        document.getElementById('entity-options').replaceChildren(
          r.entities.map((x) => h('option', { value: x.name }, x.name + ' · ' + plural(x.stories, 'story', 'stories'))));
      } catch (err) { /* no suggestions */ }
    }, 200);
  });

  /* ------------------------------------------------------------ front page */

  function storyCard(s, fresh) {
    const meta = h('p', { class: 'meta' },
      h('span', { class: 'size' }, plural(s.articles, 'article')),
      h('span', { class: 'outlets' }, plural(s.n_outlets, 'outlet') + (s.outlets.length ? ': ' + names(s.outlets, s.n_outlets, 3) : '')),
      langBadges(s.languages),
      h('span', { class: 'when' }, 'latest ', h('time', { datetime: s.last, title: showTime(s.last) }, ago(s.last))));
    const summary = s.summary
      ? h('p', { class: 'summary' }, s.summary)
      : h('p', { class: 'summary pending' }, 'The summary is being written…');
    return h('li', { class: 'story-card' + (fresh ? ' fresh' : ''), 'data-story': s.id },
      h('article', { 'aria-labelledby': 'story-' + s.id + '-title' },
        h('h2', { id: 'story-' + s.id + '-title' }, h('a', { href: '/story/' + s.id }, s.headline || 'Untitled story')),
        summary, meta));
  }

  function frontTitle(f) {
    const bits = [];
    if (f.entity) bits.push('naming ' + f.entity);
    if (f.lang) bits.push('in ' + langName(f.lang));
    if (f.outlet) bits.push('from ' + f.outlet);
    if (f.since) bits.push('since ' + showTime(f.since));
    return bits.length ? 'Stories ' + bits.join(', ') : 'Latest stories';
  }

  async function showFront(params) {
    const f = filtersFrom(params);
    syncForm(f);
    searchForm.elements.q.value = '';
    setTitle(Object.keys(f).length ? frontTitle(f) : '');
    const list = h('ol', { class: 'stories', id: 'stories' });
    const more = h('button', { class: 'more', type: 'button', hidden: true }, 'More stories');
    const status = h('p', { class: 'list-status', role: 'status' });
    view.replaceChildren(h('h1', { class: 'page-title' }, frontTitle(f)), status, list, more);
    let cursor = null, shown = 0;
    const qs = (extra) => {
      const p = new URLSearchParams(f);
      for (const [k, v] of Object.entries(extra)) p.set(k, v);
      return '/api/stories?' + p.toString();
    };
    async function page() {
      busy(true);
      const r = await api(qs(cursor ? { limit: 20, cursor } : { limit: 20 }));
      list.append(...r.stories.map((s) => storyCard(s, false)));
      shown += r.stories.length;
      cursor = r.next_cursor;
      more.hidden = !cursor;
      status.textContent = shown ? '' : 'No story matches these filters yet.';
      busy(false);
    }
    more.addEventListener('click', () => page().catch((e) => showError(e, 'The stories could not be loaded')));
    current = { name: 'front', id: null, refresh: null };
    /* live: reload what is shown, marking the stories that changed */
    current.refresh = async (changed) => {
      const r = await api(qs({ limit: Math.min(100, Math.max(20, shown)) }));
      if (current.name !== 'front') return;
      list.replaceChildren(...r.stories.map((s) => storyCard(s, changed.has(s.id))));
      shown = r.stories.length;
      cursor = r.next_cursor;
      more.hidden = !cursor;
      status.textContent = shown ? '' : 'No story matches these filters yet.';
    };
    try { await page(); } catch (e) { showError(e, 'The stories could not be loaded'); }
  }

  /* ------------------------------------------------------------ the map */

  /* An SVG map of the places, drawn from their coordinates (no tiles): an
   * equirectangular projection around the places' middle, a graticule for
   * scale, the land (country outlines the server cut to the region, when it
   * has them) under a dot per place sized by how many articles name it.
   * Places far from the others (a country's centre beside a town) are
   * listed instead. */
  function placesMap(places, land) {
    let pts = places.filter((p) => typeof p.lat === 'number' && typeof p.lon === 'number');
    if (!pts.length) return null;
    const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
    const mlat = med(pts.map((p) => p.lat)), mlon = med(pts.map((p) => p.lon));
    const near = pts.filter((p) => Math.abs(p.lat - mlat) < 8 && Math.abs(p.lon - mlon) < 12);
    const far = near.length >= 2 ? pts.filter((p) => !near.includes(p)) : [];
    if (near.length >= 2) pts = near;
    const W = 640, H = 400;
    const lat0 = pts.reduce((s, p) => s + p.lat, 0) / pts.length;
    const k = Math.cos(lat0 * Math.PI / 180);
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const p of pts) {
      minX = Math.min(minX, p.lon * k); maxX = Math.max(maxX, p.lon * k);
      minY = Math.min(minY, -p.lat); maxY = Math.max(maxY, -p.lat);
    }
    let span = Math.max(maxX - minX, (maxY - minY) * W / H, 0.6);
    span *= 1.35;
    const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const sx = W / span, spanY = span * H / W;
    const X = (lon) => (lon * k - (cx - span / 2)) * sx;
    const Y = (lat) => (-lat - (cy - spanY / 2)) * sx;
    const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-labelledby': 'map-title map-desc' },
      h('svg:title', { id: 'map-title' }, 'Map of the places named in this story'),
      h('svg:desc', { id: 'map-desc' }, pts.map((p) => p.name + ' (' + plural(p.mentions, 'article') + ')').join(', ')),
      h('svg:rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }));
    if (land && Array.isArray(land.rings) && land.rings.length) {
      /* one path, points closer than a pixel merged */
      let d = '';
      for (const r of land.rings) {
        let lx = 0, ly = 0, n = 0;
        for (let i = 0; i + 1 < r.length; i += 2) {
          const x = X(r[i]), y = Y(r[i + 1]);
          if (n && Math.abs(x - lx) < 1 && Math.abs(y - ly) < 1) continue;
          d += (n ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
          lx = x; ly = y; n++;
        }
        if (n) d += 'Z';
      }
      svg.append(h('svg:path', { class: 'land', d, 'aria-hidden': 'true' }));
    }
    /* graticule: a round step giving a few lines */
    const degSpan = span / k;
    const step = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30].find((s) => degSpan / s <= 6) || 45;
    const lonMin = (cx - span / 2) / k, lonMax = (cx + span / 2) / k;
    const latMax = -(cy - spanY / 2), latMin = -(cy + spanY / 2);
    const grid = h('svg:g', { class: 'graticule', 'aria-hidden': 'true' });
    const label = (v, pos, neg) => (Math.round(Math.abs(v) * 100) / 100) + '°' + (v >= 0 ? pos : neg);
    for (let lo = Math.ceil(lonMin / step) * step; lo <= lonMax; lo += step) {
      const x = X(lo);
      grid.append(h('svg:line', { x1: x, y1: 0, x2: x, y2: H }),
        h('svg:text', { x: x + 3, y: H - 6 }, label(lo, 'E', 'W')));
    }
    for (let la = Math.ceil(latMin / step) * step; la <= latMax; la += step) {
      const y = Y(la);
      grid.append(h('svg:line', { x1: 0, y1: y, x2: W, y2: y }),
        h('svg:text', { x: 4, y: y - 4 }, label(la, 'N', 'S')));
    }
    svg.append(grid);
    const max = Math.max(...pts.map((p) => p.mentions || 1));
    const dots = h('svg:g', { class: 'places' });
    for (const p of [...pts].sort((a, b) => (b.mentions || 0) - (a.mentions || 0))) {
      const x = X(p.lon), y = Y(p.lat), r = 5 + 9 * Math.sqrt((p.mentions || 1) / max);
      const right = x < W - 150;
      dots.append(h('svg:g', { class: 'place' },
        h('svg:circle', { cx: x, cy: y, r }),
        h('svg:text', { x: right ? x + r + 4 : x - r - 4, y: y + 4, 'text-anchor': right ? 'start' : 'end' }, p.name)));
    }
    svg.append(dots);
    const fig = h('figure', { class: 'map-figure' }, svg,
      h('figcaption', {}, 'Places named in the articles, sized by how many articles name them. ',
        far.length ? 'Also named, farther away: ' + far.map((p) => p.name).join(', ') + '.' : ''));
    return fig;
  }

  /* ------------------------------------------------------------ story page */

  function outletsOf(d, idxs) {
    const seen = [];
    for (const i of idxs || []) {
      const s = d.sources[i];
      const name = s ? (s.outlet || s.id) : null;
      if (name && !seen.includes(name)) seen.push(name);
    }
    return seen;
  }

  function attribution(d, item) {
    const outs = item.outlets && item.outlets.length ? item.outlets : outletsOf(d, item.sources);
    return h('p', { class: 'attrib' },
      h('span', { class: 'visually-hidden' }, 'Reported by '),
      names(outs, outs.length, 4),
      item.agency ? h('span', { class: 'agency', title: 'Wire copy from ' + item.agency }, item.agency + ' wire') : null);
  }

  function section(id, title, ...kids) {
    return h('section', { class: 'block', id, 'aria-labelledby': id + '-h' },
      h('h2', { id: id + '-h' }, title), ...kids);
  }

  function summaryBlock(d) {
    if (!d.summary || !d.summary.length) return section('summary', 'Summary', h('p', { class: 'muted' }, 'No summary yet.'));
    return section('summary', 'Summary',
      h('ol', { class: 'summary-list' }, d.summary.map((s) =>
        h('li', { class: 'sentence' }, h('p', { class: 'text' }, s.text), attribution(d, s)))));
  }

  function timelineBlock(d) {
    if (!d.timeline || !d.timeline.length) return null;
    return section('timeline', 'Timeline',
      h('ol', { class: 'timeline' }, d.timeline.map((t) =>
        h('li', {},
          h('p', { class: 'tl-date' }, timeEl(t.date, t.precision),
            h('span', { class: 'tl-how' }, t.from_text ? 'date in the text' : 'published')),
          h('p', { class: 'text' }, t.text), attribution(d, t)))));
  }

  function entitiesBlock(d) {
    if (!d.entities || !d.entities.length) return null;
    const groups = KINDS.map(([k, title]) => {
      const es = d.entities.filter((e) => e.kind === k);
      if (!es.length) return null;
      return h('div', { class: 'entity-group' }, h('h3', {}, title),
        h('ul', { class: 'chips' }, es.slice(0, 24).map((e) =>
          h('li', {}, h('a', { href: '/?entity=' + encodeURIComponent(e.name), title: plural(e.articles, 'article') + (e.aliases && e.aliases.length ? '; also written ' + e.aliases.join(', ') : '') },
            e.name, h('span', { class: 'count' }, String(e.articles)))))));
    });
    return section('entities', 'Who and where', groups);
  }

  const APPROX = { exact: '', about: 'about', nearly: 'nearly', more: 'more than', 'at-least': 'at least', less: 'less than' };

  /* A figure's badge: flagged groups disagree; sources agree only when they
   * state one value (a group keyed by a bare noun or a measure is never
   * flagged, yet its values may be different facts: no badge then). */
  /* "Sources agree" when the values are one value and come from two texts
   * at least: copies of one dispatch (one copy group) agree with nothing. */
  function figureBadge(f, d, group) {
    if (f.disagree) return h('strong', { class: 'flag' }, 'Sources disagree');
    const one = f.values.every((v) => v.value === f.values[0].value);
    const texts = new Set(f.values.flatMap((v) => (v.sources || []).map((k) => {
      const id = d.sources[k] && d.sources[k].id;
      return group.get(id) || id;
    })));
    return one && texts.size >= 2 ? h('span', { class: 'agree' }, 'Sources agree') : null;
  }

  function figuresBlock(d, s) {
    if (!d.figures || !d.figures.length) return null;
    const group = new Map(((s && s.members) || []).map((m) => [m.id, m.copy_group || m.id]));
    return section('figures', 'Figures',
      h('ul', { class: 'figures' }, d.figures.slice(0, 12).map((f) =>
        h('li', { class: 'figure' + (f.disagree ? ' disagree' : '') },
          h('p', { class: 'fig-label' }, f.label || 'figure', figureBadge(f, d, group)),
          h('ul', { class: 'values' }, f.values.map((v) =>
            h('li', {}, h('span', { class: 'value' }, v.text), ' ',
              h('span', { class: 'by' }, '— ' + names(v.outlets || outletsOf(d, v.sources), 0, 4)))))))));
  }

  function quotesBlock(d) {
    if (!d.quotes || !d.quotes.length) return null;
    return section('quotes', 'Quotes',
      h('ul', { class: 'quotes' }, d.quotes.slice(0, 8).map((q) =>
        h('li', {}, h('blockquote', {}, h('p', {}, q.text)),
          h('p', { class: 'attrib' }, q.speaker ? h('span', { class: 'speaker' }, q.speaker) : 'Unattributed',
            ' · carried by ', names(q.outlets || outletsOf(d, q.sources), 0, 4))))));
  }

  function sourcesBlock(d, s) {
    const members = new Map((s.members || []).map((m) => [m.id, m]));
    let words = 0, wireWords = 0, wireArticles = 0;
    for (const src of d.sources) {
      words += src.words || 0;
      wireWords += (src.words || 0) * (src.wire || 0);
      if ((src.wire || 0) >= 0.5) wireArticles++;
    }
    const share = words ? Math.round(100 * wireWords / words) : 0;
    const groups = new Set((s.members || []).map((m) => m.copy_group || m.id));
    const rows = d.sources.map((src) => {
      const m = members.get(src.id);
      const pct = Math.round(100 * (src.wire || 0));
      const copies = m && m.copies > 1 ? plural(m.copies - 1, 'other copy', 'other copies') : 'original text';
      return h('tr', {},
        h('th', { scope: 'row' }, src.outlet || '—'),
        h('td', {}, h('a', { href: '/article/' + encodeURIComponent(src.id) }, src.title || src.id),
          src.url ? h('a', { class: 'ext', href: src.url, rel: 'noopener noreferrer', 'aria-label': 'original page of ' + (src.outlet || 'this article') }, '↗') : null),
        h('td', {}, timeEl(src.time)),
        h('td', {}, h('abbr', { class: 'lang', title: langName(src.lang) }, (src.lang || '').toUpperCase())),
        h('td', {}, src.agency || '—'),
        h('td', { class: 'wire' },
          h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: null, class: 'fill w' + Math.round(pct / 10) })),
          pct + ' %'),
        h('td', {}, copies));
    });
    return section('sources', 'Sources',
      h('p', { class: 'muted' }, plural(d.sources.length, 'article') + ' in ' + plural(groups.size, 'distinct text') + '; ' +
        wireArticles + ' mostly wire copy; ' + share + ' % of all words come from agency copy.'),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Sources table' },
        h('table', { class: 'sources' },
          h('thead', {}, h('tr', {}, ['Outlet', 'Article', 'Published', 'Lang.', 'Agency', 'Wire copy', 'Copies'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows))));
  }

  async function showStory(id, quietly) {
    if (!quietly) {
      busy(true);
      current = { name: 'story', id: Number(id), refresh: null };
    }
    let s;
    try { s = await api('/api/stories/' + encodeURIComponent(id)); } catch (e) { return showError(e, 'This story could not be shown'); }
    if (current.name !== 'story' || String(current.id) !== String(id)) return;
    const d = s.digest || { summary: [], timeline: [], sources: [], places: [], entities: [], figures: [], quotes: [] };
    setTitle(s.headline);
    const langs = [...new Set(d.sources.map((x) => x.lang).filter(Boolean))].sort();
    const outlets = [...new Set(d.sources.map((x) => x.outlet).filter(Boolean))];
    const map = d.places && d.places.length ? placesMap(d.places, d.land) : null;
    const art = h('article', { class: 'story', 'data-story': s.id },
      h('p', { class: 'crumbs' }, h('a', { href: '/' }, '← All stories')),
      s.merged_into ? h('p', { class: 'notice' }, 'This story was merged into ', h('a', { href: '/story/' + s.merged_into }, 'another story'), '.') : null,
      h('header', { class: 'story-head' },
        h('h1', {}, s.headline || d.headline || 'Untitled story'),
        h('p', { class: 'meta' },
          h('span', {}, plural(s.articles, 'article') + ' from ' + plural(outlets.length, 'outlet')),
          langBadges(langs),
          /* the digest knows how precisely the span is dated ("2026-03" is a month, not 1 March) */
          h('span', {}, timeEl(d.first_precision ? d.first : s.first, d.first_precision), ' – ',
            timeEl(d.last_precision ? d.last : s.last, d.last_precision)),
          s.digest_state === 'stale' ? h('span', { class: 'stale' }, 'updating…') : null)),
      h('div', { class: 'story-grid' },
        h('div', { class: 'story-main' }, summaryBlock(d), timelineBlock(d), figuresBlock(d, s), quotesBlock(d)),
        h('aside', { class: 'story-side', 'aria-label': 'Places and names' },
          map ? section('map', 'Map', map) : null, entitiesBlock(d))),
      sourcesBlock(d, s));
    view.replaceChildren(art);
    busy(false);
    current.refresh = async (changed) => { if (changed.has(Number(id))) await showStory(id, true); };
  }

  /* ------------------------------------------------------------ article page */

  async function showArticle(id) {
    busy(true);
    current = { name: 'article', id, refresh: null };
    let a;
    try { a = await api('/api/articles/' + id.split('/').map(encodeURIComponent).join('/')); } catch (e) { return showError(e, 'This article could not be shown'); }
    setTitle(a.title);
    const paras = (a.text || '').split(/\n\s*\n/).filter((p) => p.trim());
    view.replaceChildren(h('article', { class: 'article-page', lang: a.lang && a.lang !== 'und' ? a.lang : null },
      h('p', { class: 'crumbs' }, a.story ? h('a', { href: '/story/' + a.story }, '← Its story') : h('a', { href: '/' }, '← All stories')),
      h('header', {},
        h('p', { class: 'kicker' }, a.outlet || 'Unknown outlet', a.agencies && a.agencies.length ? ' · ' + a.agencies.join(', ') : ''),
        h('h1', {}, a.title || a.id),
        h('p', { class: 'meta' }, timeEl(a.published, a.published_precision), a.author ? ' · ' + a.author : '',
          a.copies > 1 ? h('span', { class: 'agency' }, 'one of ' + a.copies + ' copies of the same text') : null,
          a.url ? h('a', { href: a.url, rel: 'noopener noreferrer' }, 'Original page') : null)),
      h('div', { class: 'article-text' }, paras.map((p) => h('p', {}, p)))));
    busy(false);
  }

  /* ------------------------------------------------------------ search */

  async function showSearch(q) {
    searchForm.elements.q.value = q;
    current = { name: 'search', id: null, refresh: null };
    setTitle('Search: ' + q);
    if (!q.trim()) return navigate('/', true);
    busy(true);
    let r;
    try { r = await api('/api/search?q=' + encodeURIComponent(q)); } catch (e) { return showError(e, 'The search failed'); }
    const stories = r.stories.map((s) => h('li', { class: 'hit' },
      h('h3', {}, h('a', { href: '/story/' + s.id, html: s.headline_html })),
      s.snippet_html ? h('p', { class: 'snippet', html: s.snippet_html }) : null,
      h('p', { class: 'meta' }, plural(s.articles, 'article'), ' · ', timeEl(s.last))));
    const arts = r.articles.map((a) => h('li', { class: 'hit' },
      h('h3', {}, h('a', { href: '/article/' + a.id.split('/').map(encodeURIComponent).join('/'), html: a.title_html || a.id })),
      h('p', { class: 'snippet', html: a.snippet_html }),
      h('p', { class: 'meta' }, a.outlet || 'Unknown outlet', ' · ', timeEl(a.published), ' · ',
        h('abbr', { class: 'lang', title: langName(a.lang) }, (a.lang || '').toUpperCase()),
        a.story ? [' · ', h('a', { href: '/story/' + a.story }, 'its story')] : null)));
    view.replaceChildren(h('h1', { class: 'page-title' }, 'Search results for “', q, '”'),
      h('div', { class: 'search-grid' },
        h('section', { 'aria-labelledby': 'hits-stories' }, h('h2', { id: 'hits-stories' }, 'Stories (' + stories.length + ')'),
          stories.length ? h('ol', { class: 'hits', id: 'story-hits' }, stories) : h('p', { class: 'muted' }, 'No story matches.')),
        h('section', { 'aria-labelledby': 'hits-articles' }, h('h2', { id: 'hits-articles' }, 'Articles (' + arts.length + ')'),
          arts.length ? h('ol', { class: 'hits', id: 'article-hits' }, arts) : h('p', { class: 'muted' }, 'No article matches.'))));
    busy(false);
    announce(stories.length + ' stories and ' + arts.length + ' articles found.');
  }

  /* ------------------------------------------------------------ live updates */

  const live = document.getElementById('live');
  function setLive(state, text) {
    live.dataset.state = state;
    live.querySelector('.live-text').textContent = text;
  }

  let pending = new Set(), timer = 0, es = null;
  function queueRefresh(id) {
    pending.add(id);
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const changed = pending;
      pending = new Set();
      if (current.refresh) {
        try { await current.refresh(changed); } catch (e) { /* the next event retries */ }
      }
      live.dataset.updates = String(Number(live.dataset.updates || 0) + 1);
    }, 250);
  }

  function connect() {
    if (!window.EventSource) { setLive('off', 'No live updates'); return; }
    es = new EventSource('/api/events');
    es.addEventListener('open', () => setLive('on', 'Live'));
    es.addEventListener('error', () => setLive('connecting', 'Reconnecting…'));
    const onStory = (kind) => (ev) => {
      let data;
      try { data = JSON.parse(ev.data); } catch (e) { return; }
      if (kind === 'created' && current.name === 'front') announce('New story: ' + (data.headline || ''));
      queueRefresh(data.story);
      if (kind === 'merged' && data.into) queueRefresh(data.into);
    };
    es.addEventListener('story.created', onStory('created'));
    es.addEventListener('story.updated', onStory('updated'));
    es.addEventListener('story.merged', onStory('merged'));
    es.addEventListener('reset', () => queueRefresh(-1));
  }

  /* on a phone the filters fold away unless some are set */
  if (window.matchMedia('(max-width: 40rem)').matches && !FILTERS.some((k) => new URLSearchParams(location.search).get(k)))
    document.getElementById('filters-box').open = false;

  loadFacets();
  route();
  connect();
})();
