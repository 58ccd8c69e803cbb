// The list of the analyst's imports as the store holds it: files loading, loaded (their reports), failed; pure data, no DOM.
import type { ImportIssue } from '../core/import/import';
import type { LoadedImport } from '../core/import/merge';

/** A file being imported: its progress (0…1); the import code holds what cancels it. */
export interface PendingImport {
  id: number;
  name: string;
  progress: number;
}

/** A file that could not be imported at all, with the one message that says why. */
export interface FailedImport {
  id: number;
  name: string;
  message: string;
}

/** An import as the page keeps it: its report (`result`, without features) and its id in the data worker, which holds the features. */
export interface HeldImport extends LoadedImport {
  workerId: number;
}

export interface ImportsState {
  imports: HeldImport[];
  pending: PendingImport[];
  failed: FailedImport[];
  /** Features of an import that could not join the map (an id already taken), per import key. */
  conflicts: ReadonlyMap<string, ImportIssue[]>;
  includeBundled: boolean;
  /** The merged data is being built (worker) and made ready for the map (page): the panel says so. */
  preparing: boolean;
}

export const NO_IMPORTS: ImportsState = {
  imports: [],
  pending: [],
  failed: [],
  conflicts: new Map(),
  includeBundled: true,
  preparing: false,
};

/** Whether two states differ only in the progress of the same pending files (the panel then moves its bars, nothing else). */
export function onlyProgressChanged(a: ImportsState, b: ImportsState): boolean {
  if (a === b) return true;
  return (
    a.imports === b.imports &&
    a.failed === b.failed &&
    a.conflicts === b.conflicts &&
    a.includeBundled === b.includeBundled &&
    a.preparing === b.preparing &&
    a.pending.length === b.pending.length &&
    a.pending.every((p, i) => p.id === b.pending[i].id && p.name === b.pending[i].name)
  );
}
