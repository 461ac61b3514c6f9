// What wget prints on stderr after saving a download: busybox's progress bar, or GNU wget's response summary.
import type { HttpResponse } from '../net/types';
import { headerOf } from './http';
import { formatTimestamp } from '../model/time';

/** The lines wget writes once `file` is saved (busybox or GNU style). Pure. */
export function wgetSaved(gnu: boolean, file: string, res: HttpResponse, statusLine: string, epochMs: number): string[] {
  if (!gnu) {
    return [
      `saving to '${file}'`,
      `${file.padEnd(20)} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA`,
      `'${file}' saved`,
    ];
  }
  const type = headerOf({ method: 'GET', path: '/', headers: res.headers }, 'content-type') ?? 'text/plain';
  const stamp = formatTimestamp(epochMs).replace('T', ' ').replace('Z', '');
  return [
    `HTTP request sent, awaiting response... ${statusLine}`,
    `Length: ${res.body.length} [${type.split(';')[0]}]`,
    `Saving to: ‘${file}’`,
    '',
    `${file.padEnd(20)}100%[===================>]  ${String(res.body.length).padStart(5)}  --.-KB/s    in 0s      `,
    '',
    `${stamp} (1.00 MB/s) - ‘${file}’ saved [${res.body.length}/${res.body.length}]`,
    '',
  ];
}
