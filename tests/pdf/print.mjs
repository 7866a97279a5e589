// node tests/pdf/print.mjs CHROME [--window-size=W,H] HTML OUT [HTML OUT]...
//
// Loads each HTML file in one start of headless CHROME and writes OUT by
// its name's ending, as one start each of chromium would (its
// --print-to-pdf, --screenshot and --dump-dom take one page a start, and
// a start costs over a second of processor time):
//	OUT.pdf    printed, as --print-to-pdf --no-pdf-header-footer: the
//	           CSS @page size and margins, backgrounds, no header or footer
//	OUT.png    a screenshot of the window (--window-size, default 800,600)
//	           as --screenshot
//	OUT.html   the DOM after loading, as --dump-dom
// It speaks the DevTools protocol over --remote-debugging-pipe (fd 3 in,
// fd 4 out, messages ending in a NUL), so it needs node alone, no package.
//
// OUT.err gets the browser's messages while that page loads and prints:
// its stderr (--enable-logging=stderr), and the page's console calls and
// uncaught exceptions as "CONSOLE(line) ..." and "Uncaught ..." lines.
// Exit 0 when every page printed, 1 (with a message) otherwise, 128 + N
// when stopped by signal N (TERM, INT or HUP).  However it ends, the
// browser is stopped and its profile, made in TMPDIR, removed.  The
// browser runs at this script's nice value or above, even as root.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chrome, ...pairs] = process.argv.slice(2);
let [width, height] = [800, 600];
const size = /^--window-size=(\d+),(\d+)$/.exec(pairs[0] ?? '');
if (size) {
	[width, height] = [Number(size[1]), Number(size[2])];
	pairs.shift();
}
if (!chrome || pairs.length === 0 || pairs.length % 2 ||
    pairs.some((f, i) => i % 2 && !/\.(pdf|png|html)$/.test(f))) {
	process.stderr.write('usage: node print.mjs CHROME [--window-size=W,H] HTML OUT.{pdf,png,html}...\n');
	process.exit(2);
}

// The one way out, whichever it is: every page done or one failed, a
// browser that would not start or took too long, a signal, an error
// nothing caught.  The browser runs in a process group of its own, so
// this stops it and every process it started; then it removes the
// profile and the directory beside it that holds the browser's lock
// socket (which the browser removes itself only when it closes).
let browser = null;
const profile = mkdtempSync(join(tmpdir(), 'attune-pdf-'));
const quit = (status, why) => {
	if (why) process.stderr.write(`print.mjs: ${why}\n`);
	if (browser?.pid) {
		try {
			process.kill(-browser.pid, 'SIGKILL');
		} catch {
			// Ended already, with all it started.
		}
	}
	const all = { recursive: true, force: true, maxRetries: 5 };
	try {
		const socket = dirname(readlinkSync(join(profile, 'SingletonSocket')));
		if (dirname(socket) === tmpdir() && basename(socket).startsWith('org.chromium.'))
			rmSync(socket, all);
	} catch {
		// No socket: the browser never made one, or removed it closing.
	}
	rmSync(profile, all);
	process.exit(status);
};
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'])
	process.on(sig, () => quit(128 + constants.signals[sig], `stopped by ${sig}`));
process.on('uncaughtException', (e) => quit(1, e?.message ?? String(e)));

// The browser sets its threads' priorities itself, as nice values of its
// own (-8 for some, 0 for most), which as root it may: so it would run
// ahead of the niced test that started it (tests/run renices each
// section).  As root it starts without the right to (setpriv, no
// CAP_SYS_NICE), so its threads stay as nice as this, or nicer.
const args = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-background-networking', '--disable-component-update',
	'--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
	'--enable-logging=stderr', '--v=0', '--remote-debugging-pipe',
	'about:blank'];
const drop = ['--inh-caps=-sys_nice', '--bounding-set=-sys_nice', '--'];
const unnice = process.getuid?.() === 0 &&
    spawnSync('setpriv', [...drop, 'true'], { stdio: 'ignore' }).status === 0;
browser = spawn(unnice ? 'setpriv' : chrome,
	unnice ? [...drop, chrome, ...args] : args,
	{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });

// A browser that hangs is stopped here, before the caller's timeout would
// stop this script.
setTimeout(() => quit(1, 'the browser took over 100 seconds'), 100000).unref();

// Where the browser's messages go now: the page being printed's .err.
let errFile = null;
let early = '';
const note = (s) => {
	if (errFile) appendFileSync(errFile, s);
	else early += s;
};
browser.stderr.setEncoding('utf8');
browser.stderr.on('data', note);

let nextId = 1;
const waiting = new Map();
const listeners = [];
let inbox = Buffer.alloc(0);
browser.stdio[4].on('data', (chunk) => {
	inbox = Buffer.concat([inbox, chunk]);
	let end;
	while ((end = inbox.indexOf(0)) >= 0) {
		const msg = JSON.parse(inbox.subarray(0, end).toString('utf8'));
		inbox = inbox.subarray(end + 1);
		if (msg.id && waiting.has(msg.id)) {
			const { ok, fail } = waiting.get(msg.id);
			waiting.delete(msg.id);
			if (msg.error) fail(new Error(msg.error.message));
			else ok(msg.result);
		} else if (msg.method) {
			for (const l of listeners.slice()) l(msg);
		}
	}
});
const send = (method, params = {}, sessionId) => new Promise((ok, fail) => {
	const id = nextId++;
	waiting.set(id, { ok, fail });
	const msg = { id, method, params };
	if (sessionId) msg.sessionId = sessionId;
	browser.stdio[3].write(JSON.stringify(msg) + '\0');
});
const once = (method, sessionId) => new Promise((ok) => {
	const l = (msg) => {
		if (msg.method !== method || msg.sessionId !== sessionId) return;
		listeners.splice(listeners.indexOf(l), 1);
		ok(msg.params);
	};
	listeners.push(l);
});
let gone = false;
const exited = new Promise((ok) => browser.on('exit', () => {
	gone = true;
	for (const { fail } of waiting.values()) fail(new Error(`${chrome} ended`));
	waiting.clear();
	ok();
}));
browser.on('error', (e) => quit(1, `cannot start ${chrome}: ${e.message}`));

// The page's own console and uncaught errors, in the words chromium's log
// uses, into the current .err.
listeners.push((msg) => {
	if (msg.method === 'Runtime.consoleAPICalled') {
		const f = msg.params.stackTrace?.callFrames?.[0];
		const text = msg.params.args.map((a) => a.value ?? a.description ?? '').join(' ');
		note(`CONSOLE(${f ? f.lineNumber + 1 : 0}) ${msg.params.type}: "${text}"\n`);
	} else if (msg.method === 'Runtime.exceptionThrown') {
		const d = msg.params.exceptionDetails;
		note(`${d.text} ${d.exception?.description ?? ''} (line ${d.lineNumber + 1})\n`);
	} else if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') {
		note(`ERROR:CONSOLE ${msg.params.entry.source}: ${msg.params.entry.text}\n`);
	}
});

let why = null;
try {
	// One tab, each page loaded into it in turn.
	const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
	const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
	await send('Page.enable', {}, sessionId);
	await send('Runtime.enable', {}, sessionId);
	await send('Log.enable', {}, sessionId);
	await send('Emulation.setDeviceMetricsOverride',
	    { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
	for (let i = 0; i < pairs.length; i += 2) {
		const html = resolve(pairs[i]), out = resolve(pairs[i + 1]);
		errFile = `${out}.err`;
		writeFileSync(errFile, early);
		early = '';
		const loaded = once('Page.loadEventFired', sessionId);
		const nav = await send('Page.navigate', { url: pathToFileURL(html).href }, sessionId);
		if (nav.errorText) throw new Error(`${html}: ${nav.errorText}`);
		await loaded;
		if (out.endsWith('.pdf')) {
			const { data } = await send('Page.printToPDF', {
				preferCSSPageSize: true, printBackground: true,
				displayHeaderFooter: false,
			}, sessionId);
			writeFileSync(out, Buffer.from(data, 'base64'));
		} else if (out.endsWith('.png')) {
			const { data } = await send('Page.captureScreenshot',
			    { format: 'png' }, sessionId);
			writeFileSync(out, Buffer.from(data, 'base64'));
		} else {
			const { result } = await send('Runtime.evaluate', {
				expression: '(document.doctype ? new XMLSerializer()' +
				    '.serializeToString(document.doctype) + "\\n" : "")' +
				    ' + document.documentElement.outerHTML',
				returnByValue: true,
			}, sessionId);
			writeFileSync(out, result.value + '\n');
		}
	}
} catch (e) {
	why = e.message;
}
if (!gone) {
	send('Browser.close').catch(() => {});
	await exited;
}
quit(why ? 1 : 0, why);
