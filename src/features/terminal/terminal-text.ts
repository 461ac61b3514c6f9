// What the terminal prints besides job output: bash's prompts, and job text made ready for a VT screen.

/** The home directory, shown as `~` in the prompt. */
const HOME = '/home/student';

/** The working directory as bash's \w shows it: the home directory and what is under it start with `~`. Pure. */
export function promptDir(cwd: string): string {
  return cwd === HOME || cwd.startsWith(`${HOME}/`) ? `~${cwd.slice(HOME.length)}` : cwd;
}

/** Ubuntu's default colour prompt (`\u@\h:\w$ `): bold green user@host, bold blue directory. Pure. */
export function ps1(cwd = HOME): string {
  return `\x1b[1;32mstudent@kubesim\x1b[0m:\x1b[1;34m${promptDir(cwd)}\x1b[0m$ `;
}

/** The cells the prompt takes on the screen. Pure. */
export function ps1Width(cwd = HOME): number {
  return `student@kubesim:${promptDir(cwd)}$ `.length;
}
export const PS2 = '> ';

/** Text from a job as a terminal needs it: every line feed also returns the carriage. Pure. */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Whether output leaves the cursor in the first column (a new line, a carriage return, or a cleared screen). Pure. */
export function endsAtLineStart(text: string): boolean {
  return /(\n|\r|\x1b\[H|\x1b\[[23]J)$/.test(text);
}
