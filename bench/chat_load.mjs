// Chat load generator for bench/chat_bench.py: many Socket.IO clients in one Node.js process.
//
//   node bench/chat_load.mjs CONFIG.json
//
// Listeners and senders join one room; senders send at stepped rates; every delivery to a listener is
// timed from the moment its message was sent (one process, one clock). Prints one JSON object per line.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = (object) => process.stdout.write(JSON.stringify(object) + "\n");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Bryggan stores a message once per (member, client_id): ids must not repeat across runs.
const RUN = Math.random().toString(36).slice(2, 10);

// Latency histogram: 0.1 ms buckets up to 60 s, so millions of deliveries cost no memory.
const BUCKET_MS = 0.1;
const histogram = new Uint32Array(600000);
let step = -1;
let delivered = 0;
let lastDelivery = 0;
let foreign = 0;

function record(message) {
  const match = /b(\d+)t([0-9a-z]+)e/.exec(message.body_html || "");
  if (!match) { foreign += 1; return; }
  if (Number(match[1]) !== step) return; // a late delivery from an earlier step
  const now = performance.now();
  const latency = now - parseInt(match[2], 36) / 1000;
  histogram[Math.min(histogram.length - 1, Math.max(0, Math.floor(latency / BUCKET_MS)))] += 1;
  delivered += 1;
  lastDelivery = now;
}

function percentile(fraction) {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let index = 0; index < histogram.length; index += 1) {
    seen += histogram[index];
    if (seen >= total * fraction) return (index + 0.5) * BUCKET_MS;
  }
  return null;
}

function connect(target) {
  return new Promise((resolve, reject) => {
    const socket = io(target.url + config.namespace, {
      transports: ["websocket"],
      forceNew: true, // one connection per client, as many phones would have
      reconnection: false,
      extraHeaders: target.cookie ? { Cookie: target.cookie } : {},
      timeout: 60000,
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(Object.assign(new Error(`connect: ${error.message}`), { data: error.data }));
    });
  });
}

function call(socket, event, data, timeout = 60000) {
  return socket.timeout(timeout).emitWithAck(event, data);
}

async function connectAll(targets, listen) {
  const sockets = [];
  const batch = 50; // connect in small waves, as a crowd arrives, not all in one instant
  for (let start = 0; start < targets.length; start += batch) {
    const wave = await Promise.all(targets.slice(start, start + batch).map((target) => connectWithRetry(target, { count: 0 })));
    await Promise.all(wave.map(async (socket) => {
      if (listen) socket.on("message", record);
      const ack = await call(socket, "join", { room: config.room });
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
    }));
    sockets.push(...wave);
  }
  return sockets;
}

async function runStep(senders, listenerCount, rate, seconds) {
  step += 1;
  histogram.fill(0);
  delivered = 0;
  let sent = 0, acked = 0, refused = 0;
  const refusals = {};
  const start = performance.now();
  const end = start + seconds * 1000;
  const pending = [];
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    while (sent < due) {
      const socket = senders[sent % senders.length];
      const stamp = Math.round(performance.now() * 1000).toString(36);
      const body = `b${step}t${stamp}e`;
      sent += 1;
      pending.push(call(socket, "send", { room: config.room, body, client_id: `${RUN}s${step}x${sent}` }, 30000)
        .then((ack) => {
          if (ack.ok) acked += 1;
          else { refused += 1; const code = ack.error && ack.error.code; refusals[code] = (refusals[code] || 0) + 1; }
        })
        .catch(() => { refused += 1; refusals.timeout = (refusals.timeout || 0) + 1; }));
    }
    await sleep(5);
  }
  await Promise.all(pending);
  const expected = acked * listenerCount;
  const drainUntil = performance.now() + config.drain_seconds * 1000;
  while (delivered < expected && performance.now() < drainUntil) await sleep(20);
  const elapsed = (Math.max(lastDelivery, end) - start) / 1000;
  return {
    step, offered_messages_per_second: rate, sent, acked, refused, refusals,
    expected_deliveries: expected, delivered, lost: expected - delivered,
    deliveries_per_second: delivered / elapsed, p50_ms: percentile(0.5), p99_ms: percentile(0.99),
  };
}

// Storm mode: every listener drops its connection and all come back at once, as after a server restart.
// Senders stay connected and keep sending; each listener rejoins with since_id (as static/js/chat.js does)
// and must end up with every message acked during the storm, live or in its join history. An HTTP prober
// times a page request every few milliseconds meanwhile.
function tracker(socket, seen) {
  socket.on("message", (message) => { seen.add(message.id); });
}

async function joinWithRetry(socket, data, refusals) {
  for (;;) {
    const ack = await call(socket, "join", data, 120000);
    if (ack.ok) return ack;
    const code = ack.error && ack.error.code;
    if (code !== "unavailable") throw new Error(`join refused: ${JSON.stringify(ack)}`);
    refusals.count += 1;
    const wait = (ack.error.retry_after || 1) * 1000;
    await sleep(wait * (0.5 + Math.random())); // jittered, as the page does
  }
}

async function connectWithRetry(target, refusals) {
  for (;;) {
    try { return await connect(target); } catch (error) {
      // Refused as busy, or no answer in time: a page's client tries again, so does this one.
      const busy = String(error.message).includes("unavailable");
      if (!busy && !String(error.message).includes("timeout")) throw error;
      if (busy) refusals.count += 1; else refusals.timeouts = (refusals.timeouts || 0) + 1;
      const after = (busy && error.data && error.data.retry_after) || 1;
      await sleep(after * 1000 * (0.5 + Math.random())); // jittered, as a page's reconnect is
    }
  }
}

async function probeHttp(url, stopAt) {
  const latencies = [];
  let failures = 0;
  while (!stopAt.done) {
    const start = performance.now();
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) failures += 1;
    } catch { failures += 1; }
    latencies.push(performance.now() - start);
    await sleep(20);
  }
  latencies.sort((a, b) => a - b);
  const at = (fraction) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] : null;
  return { requests: latencies.length, failures, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1) };
}

async function storm() {
  const targets = config.listeners;
  const listeners = await connectAll(targets, false);
  const senders = await connectAll(config.senders, false);
  const seen = listeners.map(() => new Set());
  const lastIds = listeners.map(() => 0);
  listeners.forEach((socket, index) => socket.on("message", (m) => { lastIds[index] = Math.max(lastIds[index], m.id); }));
  out({ event: "ready", listeners: listeners.length, senders: senders.length });
  // One message everybody receives before the storm: each listener rejoins with since_id = its id.
  const before = await call(senders[0], "send", { room: config.room, body: `before ${RUN}`, client_id: `${RUN}before` });
  if (!before.ok) throw new Error(`send refused: ${JSON.stringify(before)}`);
  const heardBy = performance.now() + 60000;
  while (lastIds.some((id) => id < before.message.id)) {
    if (performance.now() > heardBy) throw new Error("not every listener heard the message before the storm");
    await sleep(20);
  }
  for (const socket of listeners) socket.close();
  await sleep(config.settle_ms || 2000); // the server notices every disconnect
  const stop = { done: false };
  const prober = probeHttp(config.probe_url, stop);
  const sent = [];
  let sendFailures = 0;
  const sending = (async () => {
    let index = 0;
    while (!stop.sending_done) {
      const socket = senders[index % senders.length];
      index += 1;
      try {
        const ack = await call(socket, "send", { room: config.room, body: `storm ${RUN} ${index}`, client_id: `${RUN}storm${index}` }, 60000);
        if (ack.ok) sent.push(ack.message.id); else sendFailures += 1;
      } catch { sendFailures += 1; }
      await sleep(1000 / config.storm_rate);
    }
  })();
  const refusals = { count: 0 };
  const began = performance.now();
  let joined = 0;
  const back = await Promise.all(targets.map(async (target, index) => {
    const socket = await connectWithRetry(target, refusals);
    tracker(socket, seen[index]);
    const data = lastIds[index] ? { room: config.room, since_id: lastIds[index] } : { room: config.room };
    const ack = await joinWithRetry(socket, data, refusals);
    for (const message of ack.history) seen[index].add(message.id);
    joined += 1;
    return socket;
  }));
  const allJoined = (performance.now() - began) / 1000;
  // Keep sending a moment after everyone is back, so messages racing the last joins are checked too.
  await sleep(1000);
  stop.sending_done = true;
  await sending;
  stop.done = true;
  const http = await prober;
  const drainUntil = performance.now() + (config.drain_seconds || 10) * 1000;
  const missing = () => back.reduce((sum, _socket, index) => sum + sent.filter((id) => !seen[index].has(id)).length, 0);
  while (missing() > 0 && performance.now() < drainUntil) await sleep(50);
  out({ event: "storm", listeners: back.length, joined, all_joined_seconds: allJoined, refusals: refusals.count,
        connect_timeouts: refusals.timeouts || 0,
        messages_sent: sent.length, send_failures: sendFailures, lost: missing(), http });
  for (const socket of [...back, ...senders]) socket.close();
}

function nextInputLine() {
  return new Promise((resolve) => {
    const onData = (chunk) => { if (String(chunk).includes("\n")) { process.stdin.off("data", onData); resolve(); } };
    process.stdin.on("data", onData);
    process.stdin.once("end", resolve);
  });
}

async function main() {
  if (config.mode === "storm") { await storm(); out({ event: "done" }); process.exit(0); }
  const began = performance.now();
  const warm = config.warm || 0;
  let listeners = [];
  if (warm > 0) {
    // A first wave, so the server's one-time costs (imports, caches) are paid before memory is measured.
    listeners = await connectAll(config.listeners.slice(0, warm), true);
    out({ event: "warm", listeners: listeners.length });
    await nextInputLine();
  }
  listeners = listeners.concat(await connectAll(config.listeners.slice(warm), true));
  const senders = await connectAll(config.senders, false);
  out({ event: "ready", listeners: listeners.length, senders: senders.length,
        setup_seconds: (performance.now() - began) / 1000 });
  if (config.mode === "idle") {
    // Hold every connection open until the benchmark has read the server's memory.
    await new Promise((resolve) => { process.stdin.once("end", resolve); process.stdin.resume(); });
  } else {
    let best = null, saturatedSteps = 0;
    for (const rate of config.rates) {
      const result = await runStep(senders, listeners.length, rate, config.step_seconds);
      out({ event: "step", ...result });
      // Saturated: deliveries fall behind what was accepted (messages per step are whole numbers, so the
      // accepted count, not the nominal rate, is what listeners can be expected to receive).
      const accepted = (result.acked * listeners.length) / config.step_seconds;
      const saturated = result.deliveries_per_second < 0.9 * accepted || result.lost > 0 ||
        (result.p99_ms !== null && result.p99_ms > 1000);
      if (best === null || result.deliveries_per_second > best.deliveries_per_second) best = result;
      saturatedSteps = saturated ? saturatedSteps + 1 : 0;
      if (saturatedSteps >= 2) break;
    }
    if (config.half_saturation && best) {
      const rate = Math.max(1, best.deliveries_per_second / listeners.length / 2);
      const result = await runStep(senders, listeners.length, rate, config.step_seconds);
      out({ event: "half", ...result });
    }
  }
  out({ event: "done", foreign_messages: foreign });
  for (const socket of [...listeners, ...senders]) socket.close();
  process.exit(0);
}

main().catch((error) => { out({ event: "error", message: String(error && error.stack || error) }); process.exit(1); });
