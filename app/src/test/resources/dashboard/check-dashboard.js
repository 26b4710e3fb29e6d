// Drives the dashboard in headless Debian chromium through playwright-core (no browser download).
// Usage: node check-dashboard.js URL CAMERA SEQUENCE TASKS UTTERANCE ALERT_ID   (TASKS: sorted, comma-separated)
// Prints "CONNECTED" once the page's event stream is open (the caller then sends its inputs), waits
// until the page shows frame SEQUENCE of CAMERA with the detections of every task in TASKS, the finished reply to UTTERANCE
// and the alert ALERT_ID, then prints one JSON line "STATE {...}" with what the page shows. Exit 1
// (after printing the state seen so far) if that does not happen within 120 s.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, camera, sequence, tasks, utterance, alertId] = process.argv.slice(2);
const executablePath = process.env.COCKPIT_CHROMIUM || '/usr/bin/chromium';

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, timeout: 60000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let code = 0;
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', e => problems.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') problems.push(m.text()); });
  try {
    await page.goto(url);
    await page.waitForSelector('#status[data-state="connected"]', { timeout: 60000 });
    console.log('CONNECTED');
    const fig = `figure.camera[data-camera="${camera}"]`;
    await page.waitForSelector(`${fig}[data-sequence="${sequence}"][data-detections-sequence="${sequence}"][data-tasks="${tasks}"]`,
      { timeout: 120000 });
    await page.waitForSelector(`div.turn[data-utterance="${utterance}"][data-finish]`, { timeout: 120000 });
    await page.waitForSelector(`#alerts li[data-alert-id="${alertId}"]`, { timeout: 120000 });
  } catch (e) {
    problems.push(String(e));
    code = 1;
  }
  const state = await page.evaluate(([cam]) => {
    const fig = document.querySelector(`figure.camera[data-camera="${cam}"]`);
    let frame = null;
    if (fig) {
      const c = fig.querySelector('canvas.frame');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let rgb = '';
      for (let i = 0; i < d.length; i += 4) rgb += String.fromCharCode(d[i], d[i + 1], d[i + 2]);
      const overlay = fig.querySelector('canvas.overlay');
      const o = overlay.getContext('2d').getImageData(0, 0, overlay.width, overlay.height).data;
      let inked = 0;
      for (let i = 3; i < o.length; i += 4) if (o[i] > 0) inked++;
      frame = {
        sequence: fig.dataset.sequence, detectionsSequence: fig.dataset.detectionsSequence, width: c.width,
        height: c.height, rgb: btoa(rgb), overlayInkedPixels: inked,
        labels: [...fig.querySelectorAll('ul.labels li')].map(li => li.dataset.label),
      };
    }
    return {
      status: document.querySelector('#status').dataset.state,
      frame,
      turns: [...document.querySelectorAll('div.turn')].map(t => ({
        session: t.closest('section').dataset.session, utterance: t.dataset.utterance,
        user: t.querySelector('.user').textContent, assistant: t.querySelector('.assistant').textContent,
        finish: t.dataset.finish || '',
      })),
      alerts: [...document.querySelectorAll('#alerts li')].map(li => ({ id: li.dataset.alertId, kind: li.dataset.kind,
        state: li.dataset.state, text: li.textContent })),
      charts: Object.fromEntries([...document.querySelectorAll('canvas.chart')].map(c => [c.id,
        Number(c.dataset.points || 0)])),
    };
  }, [camera]);
  state.problems = problems;
  console.log('STATE ' + JSON.stringify(state));
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(code);
})().catch(e => { console.error(e); process.exit(2); });
