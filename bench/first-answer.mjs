// Starts a server command N times and measures, for each start, the time from spawning the process to
// the first 200 answer to a GET (polled every 2 ms on loopback). Prints one JSON line per server:
// {"name", "runs", "ms": [..sorted..], "median", "mean", "min", "max"}.
// Usage: node bench/first-answer.mjs <name> <runs> <url> <header:value|-> -- <command> [args...]
import { spawn } from "node:child_process";
import http from "node:http";

const [name, runsText, url, header, dashes, command, ...args] = process.argv.slice(2);
if (dashes !== "--" || !command) {
  console.error("usage: node bench/first-answer.mjs <name> <runs> <url> <header:value|-> -- <command> [args...]");
  process.exit(2);
}

const headers = header === "-" ? {} : { [header.slice(0, header.indexOf(":"))]: header.slice(header.indexOf(":") + 1).trim() };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const get = () => new Promise((resolve) => {
  const request = http.get(url, { headers, agent: false }, (response) => {
    response.resume();
    response.on("end", () => resolve(response.statusCode));
  });
  request.on("error", () => resolve(0));
  request.setTimeout(2000, () => { request.destroy(); resolve(0); });
});

async function once() {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: "ignore" });
  let exited = false;
  child.on("exit", () => { exited = true; });
  try {
    for (;;) {
      if (exited) throw new Error(`${name}: the server exited before answering`);
      if (await get() === 200) return Number(process.hrtime.bigint() - started) / 1e6;
      if (Number(process.hrtime.bigint() - started) > 60e9) throw new Error(`${name}: no 200 within 60 s`);
      await sleep(2);
    }
  } finally {
    child.kill("SIGTERM");
    if (!exited) await new Promise((r) => child.on("exit", r));
  }
}

const ms = [];
for (let i = 0; i < Number(runsText); i++) {
  ms.push(await once());
  await sleep(200); // let the port and the CPU settle
}

ms.sort((a, b) => a - b);
const round = (x) => Math.round(x * 10) / 10;
const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
console.log(JSON.stringify({ name, runs: ms.length, median: round(median), mean: round(ms.reduce((a, b) => a + b, 0) / ms.length), min: round(ms[0]), max: round(ms[ms.length - 1]), ms: ms.map(round) }));
