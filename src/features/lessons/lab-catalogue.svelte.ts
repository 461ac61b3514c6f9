// The labs the page offers: the built-in ones (parsed when the page was built) plus any the student loads from a
// Markdown file or that a link on this site names (`?lab=labs/x.md`), parsed by the engine; a file that is not a
// lab keeps its errors for display.
import type { Lab } from '../../../sim/labs/lab-types';
import type { LabSource, ParsedLab } from '../../../sim/labs/lab-set';
import { byModule } from '../../../sim/labs/lab-order';
import type { LabCatalogue } from '../../../sim/worker/api';
import type { SimClient } from '../../lib/sim-client.svelte';
import { fetchLab, readLabFile } from './lab-sources';

/** A loaded file's parse errors, shown as they are. */
export interface LoadErrors {
  readonly name: string;
  readonly errors: readonly string[];
}

export class LabCatalogueStore {
  sources = $state.raw<readonly LabSource[]>([]);
  catalogue = $state.raw<LabCatalogue | undefined>(undefined);
  loadErrors = $state.raw<LoadErrors | undefined>(undefined);

  constructor(
    private readonly client: Pick<SimClient, 'labCatalogue'>,
    private readonly builtIn: readonly LabSource[],
    saved: LabSource | undefined,
    private readonly options: { readonly pageUrl?: string; readonly fetcher?: typeof fetch } = {},
  ) {
    this.sources = saved ? [...builtIn, saved] : builtIn;
  }

  get labs(): readonly Lab[] {
    return this.catalogue?.labs ?? [];
  }

  /** The text of a lab that is not built in (saved with the session), if `id` is one. */
  customSource(id: string): LabSource | undefined {
    return this.builtIn.some((s) => s.id === id) ? undefined : this.sources.find((s) => s.id === id);
  }

  /** The labs, at once when all were parsed ahead; else parsed in the engine (once the cluster runs). */
  async load(): Promise<void> {
    const sources = this.sources;
    if (sources.every((s): s is ParsedLab => 'lab' in s)) {
      this.catalogue = { labs: sources.map((s) => s.lab).sort(byModule), errors: {} };
      return;
    }
    this.catalogue = await this.client.labCatalogue(sources);
  }

  /** Reads a picked file and adds it; the new lab's id, or what went wrong in words. */
  async addFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<{ readonly id: string } | string | undefined> {
    const read = await readLabFile(file, this.builtIn.map((s) => s.id));
    return typeof read === 'string' ? read : this.add(read, file.name);
  }

  /** Fetches a lab from this site and adds it; the new lab's id, or what went wrong in words. */
  async addUrl(raw: string): Promise<{ readonly id: string } | string | undefined> {
    const fetched = await fetchLab(raw, this.options.pageUrl ?? location.href, this.builtIn.map((s) => s.id), this.options.fetcher);
    return typeof fetched === 'string' ? fetched : this.add(fetched, raw);
  }

  /** Adds a lab if it parses; undefined (with `loadErrors` set) when it does not. */
  private async add(source: LabSource, name: string): Promise<{ readonly id: string } | string | undefined> {
    this.loadErrors = undefined;
    const sources = [...this.sources.filter((s) => s.id !== source.id), source];
    const catalogue = await this.client.labCatalogue(sources);
    if (!catalogue) return 'Labs can be loaded once the cluster is running.';
    const errors = catalogue.errors[source.id];
    if (errors) {
      this.loadErrors = { name, errors };
      return undefined;
    }
    this.sources = sources;
    this.catalogue = catalogue;
    return { id: source.id };
  }
}
