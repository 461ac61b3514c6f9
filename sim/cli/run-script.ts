// Runs a script of shell lines against a simulation, one command at a time, as the headless runner does:
// virtual time moves only while a command waits (`sleep`, `rollout status`, `delete` waiting for the pod).
import type { Simulation } from '../engine';
import { splitCommands } from '../shell/parse';

export interface LineResult {
  readonly command: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Virtual ms when the line started. */
  readonly time: number;
  /** The prompt shown before the line (`student@kubesim:~$ `). */
  readonly prompt: string;
  /** stdout and stderr as a terminal shows them: interleaved in the order they were written. */
  readonly transcript: string;
}

/** Runs every command of `script`; a command still running after `maxWaitMs` of virtual time is interrupted (130). */
export function runScript(sim: Simulation, script: string, maxWaitMs = 600_000): LineResult[] {
  const results: LineResult[] = [];
  for (const command of splitCommands(script)) {
    if (/^\s*#/.test(command)) continue;
    results.push(runLine(sim, command, maxWaitMs));
  }
  return results;
}

/** Runs one complete command. */
export function runLine(sim: Simulation, command: string, maxWaitMs = 600_000): LineResult {
  const time = sim.now;
  const cwd = sim.shell.session().cwd.replace(/^\/home\/student/, '~');
  const prompt = `student@kubesim:${cwd}$ `;
  const result = sim.dispatch({ type: 'exec', line: command });
  if (!result.ok) return { command, stdout: '', stderr: `${result.error}\n`, exitCode: 1, time, prompt, transcript: `${result.error}\n` };
  let stdout = result.stdout ?? '', stderr = result.stderr ?? '', exitCode = result.exitCode ?? 0;
  if (!result.done) {
    const job = sim.shell.job(result.jobId!)!;
    // A line that starts with `sleep` runs to the sleep's end, however long: the limit is for waits that have
    // no end of their own (`kubectl get -w`, `watch`, a loop).
    const sleepEnd = /^\s*sleep\s/.test(command) && job.wake && !job.wake.cancelled ? job.wake.at - sim.now : 0;
    sim.runJob(job.id, Math.max(maxWaitMs, sleepEnd));
    stdout = job.stdout; stderr = job.stderr; exitCode = job.exitCode ?? 130;
  }
  const chunks = result.jobId === undefined ? undefined : sim.shell.pendingOutputOf(result.jobId);
  const ordered = chunks?.map((c) => c.text).join('');
  sim.shell.drain();
  // The ordered pieces, when they are the whole of both streams (a long output may have lost its order).
  const transcript = ordered !== undefined && ordered.length === stdout.length + stderr.length ? ordered : stdout + stderr;
  return { command, stdout, stderr, exitCode, time, prompt, transcript };
}
