// What answers at an address inside a pod, and the address checks the packet path needs on every request.
import type { Sandbox } from '../core/runtime';
import type { AppInstance } from '../apps/app';

/** The address requests from outside the cluster come from (a documentation-range client). */
export const EXTERNAL_CLIENT_IP = '198.51.100.77';

/** The running process in the sandbox that accepts connections on `port`, if any. */
export function listeningApp(sandbox: Sandbox, port: number): AppInstance | undefined {
  for (const c of sandbox.containers.values()) if (c.state === 'running' && c.app?.listening(port)) return c.app;
  return undefined;
}

/** Whether `text` is a dotted-quad IPv4 literal (no allocation, for the hot path). Pure. */
export function isIPv4Literal(text: string): boolean {
  let dots = 0, digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) { if (digits === 0) return false; dots++; digits = 0; }
    else if (c >= 48 && c <= 57) { if (++digits > 3) return false; }
    else return false;
  }
  return dots === 3 && digits > 0;
}
