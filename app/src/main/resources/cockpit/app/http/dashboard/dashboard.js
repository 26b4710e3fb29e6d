// The cockpit dashboard: one EventSource on /events; every event updates one part of the page.
// No libraries, no build step. Protobuf JSON arrives in its canonical form (lowerCamelCase fields).
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

// camera -> (task -> latest DetectionSet of that task): each task's newest answer is shown.
const detectionsByCamera = new Map();

function cameraFigure(camera) {
  let fig = $(`figure.camera[data-camera="${CSS.escape(camera)}"]`);
  if (!fig) {
    fig = el('figure', { class: 'camera', 'data-camera': camera });
    const stack = el('div', { class: 'stack' });
    stack.append(el('canvas', { class: 'frame', width: 1, height: 1 }), el('canvas', { class: 'overlay', width: 1, height: 1 }));
    fig.append(stack, el('figcaption', {}, camera), el('ul', { class: 'labels' }));
    $('#cameras').append(fig);
  }
  return fig;
}

function onFrame(f) {
  const fig = cameraFigure(f.camera);
  const canvas = $('canvas.frame', fig);
  canvas.width = f.width;
  canvas.height = f.height;
  const rgb = Uint8Array.from(atob(f.rgb), c => c.charCodeAt(0));
  const img = new ImageData(f.width, f.height);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    img.data[j] = rgb[i]; img.data[j + 1] = rgb[i + 1]; img.data[j + 2] = rgb[i + 2]; img.data[j + 3] = 255;
  }
  canvas.getContext('2d').putImageData(img, 0, 0);
  fig.dataset.sequence = String(f.sequence);
  fig.dataset.scale = String(f.scale);
  $('figcaption', fig).textContent = `${f.camera} · frame ${f.sequence}`;
  drawOverlay(f.camera);
}

function onDetections(set) {
  const camera = set.frame.cameraId;
  if (!detectionsByCamera.has(camera)) detectionsByCamera.set(camera, new Map());
  const byTask = detectionsByCamera.get(camera);
  byTask.set(set.task, set);
  const fig = cameraFigure(camera);
  fig.dataset.detectionsSequence = String(set.frame.sequence);
  fig.dataset.tasks = [...byTask.keys()].sort().join(',');
  $('ul.labels', fig).replaceChildren(...[...byTask.values()].flatMap(s => s.detections.map(d =>
    el('li', { 'data-label': d.label, 'data-kind': d.kind, 'data-task': s.task },
      `${d.label} (${s.task}, ${Math.round(d.confidence * 100)}%)`))));
  drawOverlay(camera);
  plot('perception', set.latency.totalMs);
}

// Boxes (normalized coordinates) and labels over the frame; seat-level detections without a box get a tag row.
function drawOverlay(camera) {
  const fig = cameraFigure(camera);
  const frame = $('canvas.frame', fig);
  const overlay = $('canvas.overlay', fig);
  overlay.width = frame.width * 4;
  overlay.height = frame.height * 4;
  const g = overlay.getContext('2d');
  g.clearRect(0, 0, overlay.width, overlay.height);
  const byTask = detectionsByCamera.get(camera);
  if (!byTask) return;
  g.font = '12px sans-serif';
  g.lineWidth = 2;
  let row = 0;
  for (const d of [...byTask.values()].flatMap(s => s.detections)) {
    const b = d.box;
    g.strokeStyle = g.fillStyle = '#0f0';
    if (b && b.width > 0 && b.height > 0) {
      g.strokeRect(b.x * overlay.width, b.y * overlay.height, b.width * overlay.width, b.height * overlay.height);
      g.fillText(d.label, b.x * overlay.width + 2, b.y * overlay.height + 12);
    } else {
      g.fillText(d.label, 4, 14 + 14 * row++);
    }
  }
}

const alerts = new Map();
function onAlert(a) {
  if (a.state === 'ALERT_STATE_CLEARED') alerts.delete(a.alertId); else alerts.set(a.alertId, a);
  $('#alerts').replaceChildren(...[...alerts.values()].map(x => el('li', {
    'data-alert-id': x.alertId, 'data-kind': x.kind, 'data-severity': x.severity, 'data-state': x.state,
  }, `${x.kind.replace('ALERT_KIND_', '')} · ${x.severity.replace('ALERT_SEVERITY_', '')} · ${x.message}`)));
}

function turnOf(sessionId, utteranceId) {
  let session = $(`section[data-session="${CSS.escape(sessionId)}"]`, $('#transcript'));
  if (!session) {
    session = el('section', { 'data-session': sessionId });
    session.append(el('h3', {}, `session ${sessionId}`));
    $('#transcript').append(session);
  }
  let turn = $(`div.turn[data-utterance="${CSS.escape(utteranceId)}"]`, session);
  if (!turn) {
    turn = el('div', { class: 'turn', 'data-utterance': utteranceId });
    turn.append(el('p', { class: 'user' }), el('p', { class: 'assistant' }), el('div', { class: 'finish' }));
    session.append(turn);
  }
  return turn;
}

function onUtterance(u) {
  $('.user', turnOf(u.sessionId, u.utteranceId)).textContent = u.text;
}

const chunksSeen = new Set();
function onReply(r) {
  const turn = turnOf(r.sessionId, r.utteranceId);
  const key = `${r.sessionId}/${r.utteranceId}/${r.chunkIndex}`;
  if (chunksSeen.has(key)) return; // a replayed chunk after reconnecting
  if (chunksSeen.size > 20000) chunksSeen.clear();
  chunksSeen.add(key);
  if (r.text) $('.assistant', turn).textContent += r.text;
  if (r.isFinal) {
    turn.dataset.finish = r.finishReason;
    const t = r.timings || {};
    $('.finish', turn).textContent = `${r.finishReason.replace('FINISH_REASON_', '').toLowerCase()}`
      + (t.completionTokens ? ` · TTFT ${t.ttftMs.toFixed(1)} ms · ${t.tokensPerSecond.toFixed(1)} tok/s` : '')
      + (r.errorMessage ? ` · ${r.errorMessage}` : '');
    if (t.completionTokens) plot('ttft', t.ttftMs);
  }
}

const series = { perception: [], ttft: [] };
function plot(name, value) {
  const s = series[name];
  s.push(value);
  if (s.length > 60) s.shift();
  const c = $(`#chart-${name}`);
  c.dataset.points = String(s.length);
  c.dataset.last = String(value);
  const g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const max = Math.max(...s) * 1.1 || 1;
  g.strokeStyle = '#6cf';
  g.beginPath();
  s.forEach((v, i) => {
    const x = s.length === 1 ? c.width / 2 : (i / (s.length - 1)) * (c.width - 10) + 5;
    const y = c.height - 5 - (v / max) * (c.height - 20);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    g.fillStyle = '#6cf';
    g.fillRect(x - 2, y - 2, 4, 4);
  });
  g.stroke();
  g.fillStyle = '#aaa';
  g.fillText(`last ${value.toFixed(1)} · max ${Math.max(...s).toFixed(1)}`, 6, 12);
}

function connect() {
  const status = $('#status');
  const source = new EventSource('/events');
  const on = (type, f) => source.addEventListener(type, e => f(JSON.parse(e.data)));
  on('hello', () => { status.dataset.state = 'connected'; status.textContent = 'connected'; });
  on('frame', onFrame);
  on('detections', onDetections);
  on('alert', onAlert);
  on('utterance', onUtterance);
  on('reply', onReply);
  source.onerror = () => { status.dataset.state = 'disconnected'; status.textContent = 'disconnected — retrying'; };
}

connect();
