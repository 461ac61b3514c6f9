// The prompt and the line being typed on the screen, as readline keeps them: editing keys, history walking and
// reverse search (Ctrl-R), Ctrl-L, continuation lines (PS2) and the repaint after every change.
import type { Key } from './input-keys';
import { editLine, emptyLine, lineWith, type LineAction, type LineState } from './line-editor';
import { eraseLine, leaveLine, paintLine } from './line-render';
import { historyNext, historyOf, historyPrev, recordLine, stopWalking, type History } from './history';
import { PS2, ps1, ps1Width } from './terminal-text';
import { searchKey, searchPrompt, searchText, startSearch, type HistorySearch } from './history-search';
import { textWidth } from './line-render';

/** Where the shell writes (xterm.js in the page, a recorder in tests). */
export interface TerminalScreen {
  write(data: string): void;
  readonly cols: number;
}

export class PromptLine {
  line: LineState = emptyLine();
  /** Lines typed so far of a command that needs more (heredoc, trailing backslash, open quote). */
  pending: string[] = [];
  history: History;
  /** The shell's working directory, shown in the prompt. */
  cwd = '/home/student';
  /** The cursor's cell counted from the prompt's first cell, while the prompt is shown. */
  private at = 0;
  /** A Ctrl-R search under way: the prompt and line show it instead. */
  private search: HistorySearch | undefined;

  constructor(private readonly screen: TerminalScreen, history: readonly string[] = []) {
    this.history = historyOf(history);
  }

  private get prompt(): { prompt: string; promptWidth: number } {
    if (this.search) {
      const prompt = searchPrompt(this.search);
      return { prompt, promptWidth: textWidth(prompt) };
    }
    return this.pending.length > 0 ? { prompt: PS2, promptWidth: PS2.length } : { prompt: ps1(this.cwd), promptWidth: ps1Width(this.cwd) };
  }

  /** Draws prompt and line again where they stand. */
  repaint(): void {
    const text = this.search ? searchText(this.search, this.history.entries) : this.line.text;
    const cursor = this.search ? Math.max(0, text.indexOf(this.search.query)) : this.line.cursor;
    const { out, at } = paintLine(this.at, { ...this.prompt, text, cursor, cols: this.screen.cols });
    this.screen.write(out);
    this.at = at;
  }

  /** Draws prompt and line on a fresh line (the cursor stands in the first column). */
  show(): void {
    this.at = 0;
    this.repaint();
  }

  /** Moves past the line, writes `marker` and starts a new screen line; the prompt is no longer shown. */
  leave(marker = ''): void {
    const text = this.search ? searchText(this.search, this.history.entries) : this.line.text;
    this.screen.write(leaveLine(this.at, { ...this.prompt, text, cols: this.screen.cols }, marker));
    this.at = 0;
  }

  /** Erases prompt and line (to print above them); the cursor ends in the prompt's first cell. */
  erase(): void {
    this.screen.write(eraseLine(this.at, this.screen.cols));
    this.at = 0;
  }

  /** Applies a key; returns what the shell must still do (submit, complete, interrupt or nothing). */
  edit(key: Key): LineAction {
    if (this.search) return this.searchWith(key);
    const { state, action } = editLine(this.line, key);
    this.line = state;
    switch (action) {
      case 'none':
        this.repaint();
        return 'none';
      case 'clear-screen':
        this.screen.write('\x1b[H\x1b[2J');
        this.show();
        return 'none';
      case 'history-prev':
      case 'history-next': {
        const moved = action === 'history-prev' ? historyPrev(this.history, this.line.text) : historyNext(this.history);
        if (moved) {
          this.history = moved.history;
          this.line = lineWith(moved.text, this.line.killed);
          this.repaint();
        }
        return 'none';
      }
      case 'history-search':
        this.search = startSearch(this.line.text);
        this.repaint();
        return 'none';
      default:
        return action;
    }
  }

  /** A key while searching: refine, or leave the search with the match on the line (and maybe run it). */
  private searchWith(key: Key): LineAction {
    const step = searchKey(this.search!, key, this.history.entries);
    if (step.kind === 'searching') {
      this.search = step.search;
      this.repaint();
      return 'none';
    }
    this.search = undefined;
    this.line = lineWith(step.text, this.line.killed);
    this.history = stopWalking(this.history);
    if (step.kind === 'cancel') {
      this.repaint();
      return 'none';
    }
    if (step.then === 'edit') {
      this.repaint();
      return step.key ? this.edit(step.key) : 'none';
    }
    this.repaint();
    return step.then === 'run' ? 'submit' : 'interrupt';
  }

  /** Takes the typed line into the command being built and starts an empty one; returns all its lines. */
  takeLine(): string[] {
    const lines = [...this.pending, this.line.text];
    this.line = emptyLine(this.line.killed);
    return lines;
  }

  /** Forgets a half-typed command (Ctrl-C). */
  discard(): void {
    this.search = undefined;
    this.line = emptyLine(this.line.killed);
    this.pending = [];
    this.history = stopWalking(this.history);
  }

  /** Adds a run command to the history; true when the history changed. */
  remember(text: string): boolean {
    const before = this.history.entries;
    this.history = recordLine(this.history, text);
    return this.history.entries !== before;
  }
}
