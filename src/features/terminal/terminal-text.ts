// What the terminal prints besides job output: bash's prompts, and job text made ready for a VT screen.

// Ubuntu's default colour prompt: bold green user@host, bold blue directory.
// SIMPLIFIED: the directory always shows `~`; the engine does not report the shell's working directory.
export const PS1 = '\x1b[1;32mstudent@kubesim\x1b[0m:\x1b[1;34m~\x1b[0m$ ';
export const PS1_WIDTH = 'student@kubesim:~$ '.length;
export const PS2 = '> ';

/** Text from a job as a terminal needs it: every line feed also returns the carriage. Pure. */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Whether output leaves the cursor in the first column (a new line, a carriage return, or a cleared screen). Pure. */
export function endsAtLineStart(text: string): boolean {
  return /(\n|\r|\x1b\[H|\x1b\[[23]J)$/.test(text);
}
