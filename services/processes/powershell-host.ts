// One Windows PowerShell process started once and kept for the app's life, asked for the process
// table and for file facts over stdin/stdout, one JSON line per request and per answer.
//
// Why this and not per-scan commands or FFI (measured and checked, see README "Process paths"):
// starting powershell.exe costs about a second, which per scan would double the scan; a warm host
// answers Get-CimInstance Win32_Process in a few hundred ms, and only after the verdict is shown.
// An FFI package (koffi ships prebuilt Windows binaries) would give QueryFullProcessImageNameW
// fast, but the company, description and Authenticode signer need WinVerifyTrust and the version
// resource APIs by hand; PowerShell has them as cmdlets (Get-AuthenticodeSignature, VersionInfo).
//
// The host is started by full System32 path with fixed arguments; the script is a constant of this
// file (sent as -EncodedCommand). Paths travel as JSON data on stdin and reach only -LiteralPath:
// nothing from a capture, a feed or the process table is ever evaluated as PowerShell.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn as nodeSpawn } from 'node:child_process';
import { z } from 'zod';
import type { Logger } from '../../shared/logger';

/** The fixed script: reads one JSON request per line, writes one compressed JSON answer per line. */
export const HOST_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
$utf8 = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $utf8
[Console]::InputEncoding = $utf8
$in = New-Object System.IO.StreamReader ([Console]::OpenStandardInput()), $utf8
while ($null -ne ($line = $in.ReadLine())) {
  $id = 0
  try {
    $req = ConvertFrom-Json -InputObject $line
    $id = [int]$req.id
    if ($req.op -eq 'processes') {
      $r = @(Get-CimInstance -ClassName Win32_Process | ForEach-Object {
        [pscustomobject]@{ p = [int]$_.ProcessId; pp = [int]$_.ParentProcessId; n = $_.Name; x = $_.ExecutablePath; c = $_.CommandLine }
      })
    } elseif ($req.op -eq 'files') {
      $r = @(foreach ($path in @($req.paths)) {
        $v = $null; $s = $null
        try { $v = (Get-Item -LiteralPath $path -Force).VersionInfo } catch { }
        try { $s = Get-AuthenticodeSignature -LiteralPath $path } catch { }
        $signer = $null
        if ($s -and $s.SignerCertificate) { $signer = $s.SignerCertificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) }
        $status = $null
        if ($s) { $status = [string]$s.Status }
        [pscustomobject]@{ path = [string]$path; company = $v.CompanyName; description = $v.FileDescription; signer = $signer; status = $status }
      })
    } else { throw ('unknown op ' + $req.op) }
    $out = ConvertTo-Json -Compress -Depth 4 -InputObject @{ id = $id; ok = $true; result = $r }
  } catch {
    $out = ConvertTo-Json -Compress -InputObject @{ id = $id; ok = $false; error = [string]$_ }
  }
  [Console]::Out.WriteLine($out)
  [Console]::Out.Flush()
}
`;

/** Fixed arguments of the host: no profile, no prompt, the constant script. */
export function hostArguments(): string[] {
  return [
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    '-EncodedCommand',
    Buffer.from(HOST_SCRIPT, 'utf16le').toString('base64'),
  ];
}

/** Full path of Windows PowerShell 5.1, present on every Windows 10/11. */
export function powershellPath(systemRoot: string): string {
  return `${systemRoot.replace(/[\\/]+$/, '')}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

const answerSchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);

/** What a spawn function must give: a child with piped stdio. */
export type SpawnFn = (file: string, args: readonly string[]) => ChildProcessWithoutNullStreams;

export interface LineHostOptions {
  file: string;
  args: readonly string[];
  spawn?: SpawnFn;
  /** An answer later than this fails the request and restarts the host (a hung WMI query). */
  timeoutMs?: number;
  logger?: Logger;
}

/** A persistent child that answers one JSON line per request line. */
export interface LineHost {
  request(op: string, data?: Record<string, unknown>): Promise<unknown>;
  /**
   * Starts the child now, without a request, so its start overlaps other work (the CLI's scan);
   * a request written before it is ready waits in the pipe.
   */
  start(): void;
  /** Ends the child (app quit). */
  close(): void;
}

/**
 * Starts the child on first use and restarts it after it exits or hangs; requests are matched to
 * answers by id, so a late answer of a timed-out request is dropped, never given to another.
 */
export function createLineHost(opts: LineHostOptions): LineHost {
  const spawn: SpawnFn =
    opts.spawn ??
    ((file, args) => nodeSpawn(file, [...args], { stdio: 'pipe', windowsHide: true, shell: false }));
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let child: ChildProcessWithoutNullStreams | null = null;
  let nextId = 1;
  const waiting = new Map<
    number,
    {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
      child: ChildProcessWithoutNullStreams;
    }
  >();

  /** Fails the requests sent to `of` (every request when not given). */
  const failAll = (why: string, of?: ChildProcessWithoutNullStreams) => {
    for (const [id, w] of waiting) {
      if (of && w.child !== of) continue;
      clearTimeout(w.timer);
      w.reject(new Error(why));
      waiting.delete(id);
    }
  };

  const start = (): ChildProcessWithoutNullStreams => {
    const c = spawn(opts.file, opts.args);
    let buffered = '';
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        let parsed: z.infer<typeof answerSchema>;
        try {
          parsed = answerSchema.parse(JSON.parse(line));
        } catch {
          opts.logger?.warn('process host wrote a line that is not an answer', { line: line.slice(0, 200) });
          continue;
        }
        const w = waiting.get(parsed.id);
        if (!w) continue;
        waiting.delete(parsed.id);
        clearTimeout(w.timer);
        if (parsed.ok) w.resolve(parsed.result);
        else w.reject(new Error(parsed.error));
      }
    });
    c.stderr.on('data', () => undefined);
    // Writing to a host that just died fails the request through 'exit', not as an unhandled error.
    c.stdin.on('error', () => undefined);
    const gone = (why: string) => {
      if (child === c) child = null;
      // Only this child's requests: a killed hung host must not fail those of its successor.
      failAll(why, c);
    };
    c.on('error', (e) => gone(`process host cannot start: ${e.message}`));
    c.on('exit', (code) => gone(`process host exited (${String(code)})`));
    return c;
  };

  return {
    start() {
      child ??= start();
    },
    request(op, data = {}) {
      child ??= start();
      const c = child;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`process host gave no answer in ${timeoutMs} ms`));
          // A hung query blocks every later one: start afresh next time.
          if (child === c) child = null;
          c.kill();
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer, child: c });
        c.stdin.write(`${JSON.stringify({ ...data, id, op })}\n`);
      });
    },
    close() {
      failAll('process host closed');
      child?.kill();
      child = null;
    },
  };
}
