// A tiny VT screen for the terminal's tests: printable text with autowrap (and xterm's pending-wrap state), CR,
// LF, BS, cursor moves (CUU/CUD/CUF/CUB/CHA/CUP), erase in display/line; colours and modes are ignored.
export class VtScreen {
  private grid: string[][] = [[]];
  x = 0;
  y = 0;
  private pendingWrap = false;

  constructor(public cols = 40) {}

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        const m = /^\x1b\[(\??)([0-9;]*)([A-Za-z~])/.exec(data.slice(i));
        if (!m) throw new Error(`unsupported escape at ${JSON.stringify(data.slice(i, i + 8))}`);
        this.csi(m[1], m[2], m[3]);
        i += m[0].length - 1;
      } else if (c === '\r') { this.x = 0; this.pendingWrap = false; }
      else if (c === '\n') { this.y++; this.pendingWrap = false; }
      else if (c === '\b') { this.x = Math.max(0, this.x - 1); this.pendingWrap = false; }
      else if (c === '\x07') continue;
      else this.put(c);
    }
  }

  private row(y: number): string[] {
    while (this.grid.length <= y) this.grid.push([]);
    return this.grid[y];
  }

  private put(c: string): void {
    if (this.pendingWrap) { this.x = 0; this.y++; this.pendingWrap = false; }
    this.row(this.y)[this.x] = c;
    if (this.x === this.cols - 1) this.pendingWrap = true;
    else this.x++;
  }

  private csi(privateMark: string, params: string, final: string): void {
    if (privateMark || final === 'm') return;
    const n = Number(params || '1');
    this.pendingWrap = false;
    switch (final) {
      case 'A': this.y = Math.max(0, this.y - n); break;
      case 'B': this.y += n; break;
      case 'C': this.x = Math.min(this.cols - 1, this.x + n); break;
      case 'D': this.x = Math.max(0, this.x - n); break;
      case 'G': this.x = Math.min(this.cols - 1, n - 1); break;
      case 'H': this.x = 0; this.y = 0; break;
      case 'J':
        if (params === '2' || params === '3') { this.grid = [[]]; break; }
        this.row(this.y).length = this.x;
        this.grid.length = this.y + 1;
        break;
      case 'K': this.row(this.y).length = this.x; break;
      default: throw new Error(`unsupported CSI ${params}${final}`);
    }
  }

  /** The screen's lines, trailing spaces and trailing empty lines removed. */
  lines(): string[] {
    const lines = this.grid.map((r) => Array.from(r, (c) => c ?? ' ').join('').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }
}
