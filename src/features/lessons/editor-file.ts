// Which file the editor shows, for saving with the session: the editor pane names it in its header (the
// `editor-path` element's title holds the full path).

/** The absolute path of the file the editor shows, or undefined when it shows none. */
export function shownEditorFile(doc: Pick<Document, 'querySelector'> = document): string | undefined {
  const path = doc.querySelector('[data-testid="editor-path"]')?.getAttribute('title');
  return path && path.startsWith('/') ? path : undefined;
}
