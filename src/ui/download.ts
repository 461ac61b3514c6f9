// Saving text as a file the browser downloads (a run record, a session, a bundle for a real cluster).

/** Offers `text` as a download named `name`. Never navigates: the link is clicked and its object URL released. */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
