// The terminal's interactive shell, as bash runs on a tty: one foreground job at a time, keys typed meanwhile
// echoed by the tty and kept for the next prompt (type-ahead), Ctrl-C sent to the job, Tab completion (ambiguous
// matches listed on the second Tab), continuation lines, and job output streamed as it arrives. Plain TS over two
// small ports, so it is tested without a browser.
import { parseInput, type Key } from './input-keys';
import { applyCompletion, formatCandidates, type CompletionAnswer } from './completion-list';
import { commandText, needsMoreInput } from './continuation';
import type { TerminalEvent } from './feed-reader';
import { PromptLine, type TerminalScreen } from './prompt-line';
import { endsAtLineStart, PS2, ps1, toTerminalText } from './terminal-text';

export type { TerminalScreen } from './prompt-line';

/** What the shell asks of the simulation. */
export interface ShellBackend {
  /** Runs a complete command (it comes back through `events` as a `line` from the terminal). */
  dispatch(text: string): void;
  interrupt(jobId: number): void;
  complete(line: string, cursor: number): Promise<CompletionAnswer>;
  /** Keeps the history across reloads. */
  saveHistory(entries: readonly string[]): void;
}

type Mode = 'booting' | 'idle' | 'running' | 'completing';

interface Foreground {
  seq?: number;
  jobId?: number;
  /** Typed here (the terminal already echoed it) or run from elsewhere on the page. */
  readonly typed: boolean;
  interruptAsked: boolean;
}

const KEPT_EXITS = 256;

export class TerminalController {
  private mode: Mode = 'booting';
  private readonly prompt: PromptLine;
  private atLineStart = true;
  private fg: Foreground | undefined;
  private typeahead: Key[] = [];
  /** Tabs pressed in a row at the prompt (readline lists ambiguous matches on the second). */
  private tabs = 0;
  /** Characters the tty echoed on the current output line while a job ran (what its backspace may erase). */
  private echoedOnLine = 0;
  private readonly exited = new Set<number>();
  private completionToken = 0;

  constructor(private readonly screen: TerminalScreen, private readonly backend: ShellBackend, history: readonly string[] = []) {
    this.prompt = new PromptLine(screen, history);
  }

  /** The cluster is up: show the first prompt and run what was typed meanwhile. */
  ready(): void {
    if (this.mode === 'booting') this.showPrompt();
  }

  /** The simulation stopped: a job waiting on it will not finish, so the prompt comes back with a note. */
  stopped(message: string): void {
    this.typeahead = [];
    if (this.mode === 'running') {
      this.print(`\n${message}\n`);
      this.finish();
    } else if (this.mode !== 'booting') {
      this.completionToken++;
      this.mode = 'idle';
      this.printAbovePrompt(`${message}\n`);
    }
  }

  /** Data typed or pasted into the terminal. */
  input(data: string): void {
    // Keys arriving while a job already runs reach the tty, which echoes them; the rest of a paste whose first
    // line was just submitted was read by readline with it, and waits unechoed.
    this.handle(parseInput(data), this.mode === 'running');
  }

  /** The screen width changed (the terminal reflows the line itself). */
  resized(): void {
    if (this.mode === 'idle') this.prompt.repaint();
  }

  /** Happenings from the transcript, in order. */
  events(events: readonly TerminalEvent[]): void {
    for (const ev of events) this.event(ev);
  }

  private handle(keys: readonly Key[], echo = false): void {
    for (const key of keys) {
      if (key.kind === 'ctrl' && key.letter === 'c') this.interrupt();
      // While a job runs (or a completion is asked for), keys wait for the prompt, as type-ahead does on a tty.
      else if (this.mode !== 'idle') {
        this.typeahead.push(key);
        if (echo && this.mode === 'running') this.echo(key);
      } else this.key(key);
    }
  }

  /**
   * A foreground job has the tty in canonical mode with echo on: what is typed shows at once, inline with the
   * job's output, and shows again after the next prompt when readline reads it.
   */
  private echo(key: Key): void {
    // SIMPLIFIED: only text, Enter and Backspace are echoed; the tty's ^X forms of other control keys are not.
    if (key.kind === 'text') {
      const before = this.echoedOnLine;
      this.print(key.text);
      const tail = key.text.split(/\r\n|\n|\r/).pop() ?? '';
      this.echoedOnLine = (tail.length === key.text.length ? before : 0) + [...tail].length;
    } else if (key.kind === 'key' && key.name === 'enter') {
      this.print('\n');
      this.echoedOnLine = 0;
    } else if (key.kind === 'key' && key.name === 'backspace' && this.echoedOnLine > 0) {
      this.screen.write('\b \b');
      this.echoedOnLine--;
    }
  }

  private key(key: Key): void {
    const action = this.prompt.edit(key);
    this.tabs = action === 'complete' ? this.tabs + 1 : 0;
    if (action === 'submit') this.submit();
    else if (action === 'complete') this.complete();
  }

  private showPrompt(): void {
    if (!this.atLineStart) this.screen.write('\r\n');
    this.atLineStart = true;
    this.mode = 'idle';
    this.prompt.show();
    const queued = this.typeahead;
    this.typeahead = [];
    this.handle(queued);
  }

  private submit(): void {
    this.prompt.leave();
    const lines = this.prompt.takeLine();
    if (needsMoreInput(lines)) {
      this.prompt.pending = lines;
      return this.showPrompt();
    }
    this.prompt.pending = [];
    const text = commandText(lines);
    // SIMPLIFIED: a command typed over several lines is kept in the history by its first line.
    if (this.prompt.remember(text.split('\n')[0])) this.backend.saveHistory(this.prompt.history.entries);
    if (text.trim() === '') return this.showPrompt();
    this.mode = 'running';
    this.fg = { typed: true, interruptAsked: false };
    this.backend.dispatch(text);
  }

  private complete(): void {
    this.mode = 'completing';
    const token = ++this.completionToken;
    const { text, cursor } = this.prompt.line;
    this.backend.complete(text, cursor).then(
      (answer) => this.completed(token, answer),
      () => this.completed(token, { replaceFrom: cursor, candidates: [] }),
    );
  }

  private completed(token: number, answer: CompletionAnswer): void {
    if (token !== this.completionToken || this.mode !== 'completing') return;
    const { line } = this.prompt;
    const outcome = applyCompletion(line.text, line.cursor, answer);
    if (outcome.kind === 'insert') {
      this.prompt.line = { ...line, text: outcome.text, cursor: outcome.cursor };
      this.prompt.repaint();
    } else if (outcome.kind === 'list' && this.tabs < 2) {
      // readline: an ambiguous first Tab only rings the bell; a second Tab in a row lists the matches.
      this.screen.write('\x07');
    } else if (outcome.kind === 'list') {
      this.prompt.leave();
      this.screen.write(formatCandidates(outcome.candidates, this.screen.cols).join('\r\n') + '\r\n');
      this.prompt.show();
    }
    this.mode = 'idle';
    this.showQueued();
  }

  /** Runs the keys typed while waiting, without drawing the prompt again. */
  private showQueued(): void {
    const queued = this.typeahead;
    this.typeahead = [];
    this.handle(queued);
  }

  private interrupt(): void {
    this.typeahead = [];
    if (this.mode === 'running' && this.fg) {
      this.print('^C');
      if (this.fg.jobId !== undefined) this.backend.interrupt(this.fg.jobId);
      else this.fg.interruptAsked = true;
      return;
    }
    if (this.mode !== 'idle' && this.mode !== 'completing') return;
    this.completionToken++;
    this.prompt.leave('^C');
    this.prompt.discard();
    this.showPrompt();
  }

  private event(ev: TerminalEvent): void {
    const fg = this.fg;
    switch (ev.kind) {
      case 'line':
        if (ev.source === 'terminal') {
          if (fg?.typed && fg.seq === undefined) fg.seq = ev.seq;
        } else if (this.mode === 'idle' || this.mode === 'completing') {
          // A line run from elsewhere on the page shows as if typed here; a half-typed line waits for after it.
          this.completionToken++;
          this.prompt.erase();
          this.screen.write(ps1(this.prompt.cwd) + toTerminalText(ev.line).replace(/\r\n/g, `\r\n${PS2}`) + '\r\n');
          this.atLineStart = true;
          this.mode = 'running';
          this.fg = { seq: ev.seq, typed: false, interruptAsked: false };
        }
        return;
      case 'settled':
        if (!fg || fg.seq !== ev.seq) return;
        if (ev.cwd !== undefined) this.prompt.cwd = ev.cwd;
        fg.jobId = ev.jobId;
        if (ev.done || (ev.jobId !== undefined && this.exited.has(ev.jobId))) return this.finish();
        if (fg.interruptAsked && ev.jobId !== undefined) this.backend.interrupt(ev.jobId);
        return;
      case 'failed':
        if (!fg || fg.seq !== ev.seq) return;
        this.print(`kubesim: ${ev.error}\n`);
        return this.finish();
      case 'print':
        return this.mode === 'idle' || this.mode === 'completing' ? this.printAbovePrompt(ev.text) : this.print(ev.text);
      case 'exit':
        if (ev.cwd !== undefined && (!fg || fg.jobId === ev.jobId)) this.prompt.cwd = ev.cwd;
        this.exited.add(ev.jobId);
        if (this.exited.size > KEPT_EXITS) this.exited.delete(this.exited.values().next().value!);
        if (fg && fg.jobId === ev.jobId) this.finish();
        return;
    }
  }

  private print(text: string): void {
    const out = toTerminalText(text);
    if (!out) return;
    this.screen.write(out);
    this.atLineStart = endsAtLineStart(out);
    this.echoedOnLine = 0;
  }

  /** Output while the prompt shows (a background job): erase the prompt, print, and draw the prompt again. */
  private printAbovePrompt(text: string): void {
    this.prompt.erase();
    this.print(text);
    if (!this.atLineStart) this.screen.write('\r\n');
    this.atLineStart = true;
    this.prompt.show();
  }

  private finish(): void {
    this.fg = undefined;
    this.showPrompt();
  }
}
