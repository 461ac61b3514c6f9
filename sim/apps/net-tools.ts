// The HTTP clients of tool images (busybox wget, curl), run from inside a container or from the student's machine:
// requests go through the origin's DNS and kube-proxy, take virtual time, and fail with each tool's real wording.
// nslookup and dig are in dns-tools.ts, ping in ping-tool.ts.
import type { ConnectResult, HttpRequest } from '../net/types';
import { STATUS_TEXT, isEmptyReply, parseUrl, type ParsedUrl } from './http';
import type { Builtin, ShellRun, ShellState } from './shell-run';
import { DNS_TOOLS } from './dns-tools';
import { wgetSaved } from './wget-output';

/** The address a name resolved to (first DNS answer), or the host itself when it was an IP. Pure. */
export function resolvedAddress(result: ConnectResult, host: string): string {
  for (const hop of result.hops) if (hop.step === 'dns-query' && hop.answer !== 'NXDOMAIN' && hop.answer.length > 0) return hop.answer[0];
  return host;
}

function target(raw: string): ParsedUrl | undefined {
  return parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
}

function* request(sh: ShellState, url: ParsedUrl, req: HttpRequest, timeoutMs: number | undefined): Generator<number, { result: ConnectResult; timedOut: boolean; port: number }, void> {
  const port = url.port ?? (url.scheme === 'https' ? 443 : 80);
  const result = sh.io.connect(url.host, port, req, timeoutMs);
  const timedOut = timeoutMs !== undefined && (result.elapsedMs > timeoutMs || (result.error === 'ETIMEDOUT' && result.elapsedMs >= timeoutMs));
  const wait = timedOut ? timeoutMs : result.elapsedMs;
  sh.commandsSinceWait = 0;
  if (wait > 0) yield wait;
  return { result, timedOut, port };
}

function printBody(sh: ShellState, body: string): void {
  if (sh.io.write) { sh.io.write(body); return; }
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) sh.io.out(line);
}

function* wget(argv: readonly string[], sh: ShellState): ShellRun {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let postData: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--post-data=')) postData = a.slice(12);
    else if (a === '--post-data') postData = argv[++i] ?? '';
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000;
    else if (a === '--timeout') timeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith('--output-document=')) output = a.slice(18);
    else if (a === '--output-document') output = argv[++i];
    else if (a === '--spider' || a === '--quiet') quiet = quiet || a === '--quiet';
    else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k];
        if (f === 'q') quiet = true;
        else if (f === 'O' || f === 'T' || f === 'U' || f === 'Y') {
          const value = k + 1 < a.length ? a.slice(k + 1) : argv[++i];
          if (f === 'O') output = value;
          if (f === 'T') timeoutMs = Number(value) * 1000;
          break;
        }
      }
    } else if (!a.startsWith('--')) url = a;
  }
  const gnu = sh.io.flavour === 'gnu';
  const u = url === undefined ? undefined : target(url);
  if (!u) {
    if (gnu) sh.io.err(url === undefined ? "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options." : `${url}: Invalid URL`);
    else sh.io.err(url === undefined ? 'wget: missing URL' : `wget: bad address '${url}'`);
    return 1;
  }
  const req: HttpRequest = { method: postData === undefined ? 'GET' : 'POST', path: u.path, headers: { Host: u.hostPort, 'User-Agent': gnu ? 'Wget/1.21.3' : 'Wget' }, body: postData };
  const { result, timedOut, port } = yield* request(sh, u, req, timeoutMs);
  const ip = resolvedAddress(result, u.host);
  if (result.error === 'ENOTFOUND') {
    sh.io.err(gnu ? `wget: unable to resolve host address ‘${u.host}’` : `wget: bad address '${u.hostPort}'`);
    return gnu ? 4 : 1;
  }
  if (!quiet && !gnu) sh.io.err(`Connecting to ${u.hostPort} (${ip}:${port})`);
  if (!quiet && gnu) sh.io.err(`Connecting to ${u.host} (${u.host})|${ip}|:${port}... ${result.ok ? 'connected.' : 'failed: Connection refused.'}`);
  if (timedOut) { sh.io.err(gnu ? 'Read error (Connection timed out) in headers.' : 'wget: download timed out'); return gnu ? 4 : 1; }
  if (!result.ok) {
    const why = result.error === 'ECONNREFUSED' ? 'Connection refused' : result.error === 'EHOSTUNREACH' ? 'Host is unreachable' : 'Connection timed out';
    if (!gnu) sh.io.err(`wget: can't connect to remote host (${ip}): ${why}`);
    return gnu ? 4 : 1;
  }
  const res = result.response;
  if (!res || isEmptyReply(res)) { sh.io.err(gnu ? 'HTTP request sent, awaiting response... No data received.' : 'wget: error getting response: Connection reset by peer'); return gnu ? 4 : 1; }
  const statusLine = `${res.status} ${STATUS_TEXT[res.status] ?? ''}`.trimEnd();
  if (res.status >= 400) {
    if (gnu) { sh.io.err(`HTTP request sent, awaiting response... ${statusLine}`); sh.io.err(`ERROR ${res.status}: ${STATUS_TEXT[res.status] ?? ''}.`); }
    else sh.io.err(`wget: server returned error: HTTP/1.1 ${statusLine}`);
    return gnu ? 8 : 1;
  }
  if (output === '-') {
    // busybox announces and closes a download to standard output on stderr, around its progress bar.
    const bar = !quiet && !gnu ? wgetSaved(false, '-', res, statusLine, 0)[1] : undefined;
    if (bar) sh.io.err('writing to stdout');
    printBody(sh, res.body);
    if (bar) { sh.io.err(bar); sh.io.err('written to stdout'); }
    return 0;
  }
  const file = output ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
  if (sh.io.writeFile && !sh.io.writeFile(file, res.body)) { sh.io.err(`${file}: No such file or directory`); return gnu ? 3 : 1; }
  if (!quiet) for (const line of wgetSaved(gnu, file, res, statusLine, sh.io.nowEpochMs())) sh.io.err(line);
  return 0;
}

const CURL_LONG: Readonly<Record<string, string>> = {
  '--silent': 's', '--show-error': 'S', '--fail': 'f', '--include': 'i', '--head': 'I', '--output': 'o', '--request': 'X',
  '--data': 'd', '--data-raw': 'd', '--data-binary': 'd', '--header': 'H', '--max-time': 'm', '--connect-timeout': 'm', '--user-agent': 'A',
  '--verbose': 'v', '--write-out': 'w', '--location': 'L', '--insecure': 'k', '--remote-name': 'O',
};

function* curl(argv: readonly string[], sh: ShellState): ShellRun {
  let silent = false; let showError = false; let fail = false; let include = false; let head = false; let verbose = false;
  let outFile: string | undefined; let method: string | undefined; let data: string | undefined; let timeoutMs: number | undefined;
  let writeOut: string | undefined; let url: string | undefined; let remoteName = false;
  const headers: Record<string, string> = { 'User-Agent': 'curl/8.12.1', Accept: '*/*' };
  const takesValue = new Set(['o', 'X', 'd', 'H', 'm', 'A', 'w', 'u', 'e']);
  const apply = (f: string, value: string | undefined): void => {
    if (f === 's') silent = true; else if (f === 'S') showError = true; else if (f === 'f') fail = true;
    else if (f === 'i') include = true; else if (f === 'I') head = true; else if (f === 'o') outFile = value; else if (f === 'O') remoteName = true;
    else if (f === 'v') verbose = true; else if (f === 'w') writeOut = value;
    else if (f === 'X') method = value; else if (f === 'd') data = data === undefined ? value : `${data}&${value}`;
    else if (f === 'H' && value?.includes(':')) headers[value.slice(0, value.indexOf(':')).trim()] = value.slice(value.indexOf(':') + 1).trim();
    else if (f === 'm') timeoutMs = Number(value) * 1000; else if (f === 'A' && value !== undefined) headers['User-Agent'] = value;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const f = CURL_LONG[eq >= 0 ? a.slice(0, eq) : a];
      if (f) apply(f, takesValue.has(f) ? (eq >= 0 ? a.slice(eq + 1) : argv[++i]) : undefined);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        if (takesValue.has(a[k])) { apply(a[k], k + 1 < a.length ? a.slice(k + 1) : argv[++i]); break; }
        apply(a[k], undefined);
      }
    } else url = a;
  }
  const report = (code: number, text: string): number => { if (!silent || showError) sh.io.err(`curl: (${code}) ${text}`); return code; };
  if (url === undefined) { sh.io.err("curl: try 'curl --help' or 'curl --manual' for more information"); return 2; }
  const u = target(url);
  if (!u) return report(3, 'URL rejected: Malformed input to a URL function');
  if (data?.startsWith('@')) {
    const file = sh.io.readFile?.(data.slice(1));
    if (file === undefined) sh.io.err(`Warning: Couldn't read data from file "${data.slice(1)}", this makes an empty POST.`);
    data = file ?? '';
  }
  const verb = method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
  if (data !== undefined && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const req: HttpRequest = { method: verb, path: u.path, headers: { Host: u.hostPort, ...headers }, body: data };
  const { result, timedOut, port } = yield* request(sh, u, req, timeoutMs);
  if (verbose) verboseRequest(sh, u, req, result, port);
  if (result.error === 'ENOTFOUND') return report(6, `Could not resolve host: ${u.host}`);
  if (timedOut) return report(28, `Connection timed out after ${(timeoutMs ?? 0) + 2} milliseconds`);
  if (!result.ok) {
    const why = result.error === 'EHOSTUNREACH' ? 'No route to host' : "Couldn't connect to server";
    return report(result.error === 'ETIMEDOUT' ? 28 : 7, `Failed to connect to ${u.host} port ${port} after ${result.elapsedMs} ms: ${why}`);
  }
  const res = result.response;
  if (!res || isEmptyReply(res)) return report(52, 'Empty reply from server');
  if (fail && res.status >= 400) return report(22, `The requested URL returned error: ${res.status}`);
  let text = '';
  if (include || head || verbose) {
    const lines = [`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}`.trimEnd(), ...Object.entries(res.headers ?? {}).map(([k, v]) => `${k}: ${v}`)];
    if (verbose && !include && !head) for (const l of lines) sh.io.err(`< ${l}`);
    else { const eol = sh.io.write ? '\r\n' : '\n'; text += `${lines.join(eol)}${eol}${eol}`; }
  }
  if (!head) text += res.body;
  const file = outFile ?? (remoteName ? (u.path.split('/').pop() || 'index.html') : undefined);
  if (file !== undefined && file !== '-') {
    if (sh.io.writeFile && !sh.io.writeFile(file, text)) return report(23, 'Failure writing output to destination');
  } else if (sh.io.write) sh.io.write(text);
  else printBody(sh, text);
  if (writeOut !== undefined) {
    const w = writeOut.replace(/%\{http_code\}|%\{response_code\}/g, String(res.status)).replace(/%\{remote_ip\}/g, result.endpoint?.ip ?? u.host)
      .replace(/%\{size_download\}/g, String(res.body.length)).replace(/\\n/g, '\n');
    if (sh.io.write) sh.io.write(w); else printBody(sh, w);
  }
  return 0;
}

function verboseRequest(sh: ShellState, u: ParsedUrl, req: HttpRequest, result: ConnectResult, port: number): void {
  const ip = resolvedAddress(result, u.host);
  sh.io.err(`*   Trying ${ip}:${port}...`);
  if (!result.ok) return;
  sh.io.err(`* Connected to ${u.host} (${ip}) port ${port}`);
  sh.io.err(`> ${req.method} ${u.path} HTTP/1.1`);
  for (const [k, v] of Object.entries(req.headers ?? {})) sh.io.err(`> ${k}: ${v}`);
  sh.io.err('> ');
}

/** wget, curl and nslookup, by program name (dig and ping are in DNS_TOOLS and PING_TOOLS). */
export const NET_TOOLS: Readonly<Record<string, Builtin>> = { wget, curl, nslookup: DNS_TOOLS.nslookup };
