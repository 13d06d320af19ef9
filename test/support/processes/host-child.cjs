// A child that speaks the process host's line protocol, for the framing tests on Linux: it answers
// "processes" with the recorded Windows answer (the compressed ConvertTo-Json line of a real-shaped
// table), and has ops that misbehave the ways a real host can (split writes, out of order, hang, exit).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const readline = require('node:readline');

const recorded = readFileSync(
  join(__dirname, '../../fixtures/processes/host-answer-processes.json'),
  'utf8',
).trim();
// Optional: a way to misbehave on "processes" (as a blocked, broken or hung PowerShell would), and
// a file that gets one line per request op (so a test can count the queries).
const [mode = 'normal', opLog] = process.argv.slice(2);
const { appendFileSync } = require('node:fs');
if (mode === 'exit-at-start') process.exit(1);
let held = null;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  if (opLog) appendFileSync(opLog, `${req.op}\n`);
  const answer = (body) => `${JSON.stringify({ id: req.id, ...body })}\n`;
  if (req.op === 'processes' && mode === 'hang-processes') return;
  if (req.op === 'processes' && mode === 'wrong-shape') {
    process.stdout.write(answer({ ok: true, result: [{ ProcessId: 'not the host script' }] }));
    return;
  }
  if (req.op === 'processes' && mode === 'cim-error') {
    process.stdout.write(
      answer({
        ok: false,
        error:
          'Get-CimInstance : Access denied \r\nAt line:12 char:14\r\n+ CategoryInfo : PermissionDenied: (root\\cimv2:Win32_Process:String) [Get-CimInstance], CimException',
      }),
    );
    return;
  }
  switch (req.op) {
    case 'processes': {
      const text = recorded.replace('"id":0', `"id":${req.id}`) + '\n';
      // Split in the middle of a line, as a pipe may deliver it.
      process.stdout.write(text.slice(0, 37));
      setImmediate(() => process.stdout.write(text.slice(37)));
      break;
    }
    case 'files':
      process.stdout.write(
        answer({
          ok: true,
          result: req.paths.map((p) => ({
            path: p,
            company: 'Microsoft Corporation',
            description: 'Host Process for Windows Services',
            signer: 'Microsoft Windows Publisher',
            status: 'Valid',
          })),
        }),
      );
      break;
    case 'hold':
      held = req.id;
      break;
    case 'release':
      process.stdout.write(answer({ ok: true, result: 'second' }));
      process.stdout.write(`${JSON.stringify({ id: held, ok: true, result: 'first' })}\n`);
      break;
    case 'noise':
      process.stdout.write(
        'WARNING: something PowerShell printed\n' + answer({ ok: true, result: 'after noise' }),
      );
      break;
    case 'fail':
      process.stdout.write(answer({ ok: false, error: 'Access denied' }));
      break;
    case 'pid':
      process.stdout.write(answer({ ok: true, result: process.pid }));
      break;
    case 'exit':
      process.exit(3);
      break;
    case 'hang':
      break;
  }
});
